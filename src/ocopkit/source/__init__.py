"""Reading author files: YAML with positions, front matter, field checks, file memos."""
