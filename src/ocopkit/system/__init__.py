"""The operating system: cores to use, worker processes, publishing folders safely."""
