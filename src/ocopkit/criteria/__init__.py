"""The OCOP criteria as validated data: model, loading with positions, validation."""

from ocopkit.criteria.catalogue import Catalogue, check_catalogue, load_catalogue
from ocopkit.criteria.model import (
    Case,
    Condition,
    Criterion,
    Edition,
    Group,
    Note,
    Option,
    Part,
    ProductGroup,
    ProductSet,
    SheetPart,
    StarBand,
)
from ocopkit.criteria.validate import check_edition_file, load_edition

__all__ = [
    "Case",
    "Catalogue",
    "Condition",
    "Criterion",
    "Edition",
    "Group",
    "Note",
    "Option",
    "Part",
    "ProductGroup",
    "ProductSet",
    "SheetPart",
    "StarBand",
    "check_catalogue",
    "check_edition_file",
    "load_catalogue",
    "load_edition",
]
