"""Reading data files and writing outputs."""

from .dataset import Dataset, Variable
from .read import read_data
from .write import OutputWriter

__all__ = ["Dataset", "OutputWriter", "Variable", "read_data"]
