"""placeholder"""
from .resources import resource_dir
from .errors import ModelFileError
from pathlib import Path

def load_model(spec):
    path = resource_dir("models") / "default.json" if spec == "default" else Path(spec)
    if spec == "default" and not path.exists():
        return None
    raise ModelFileError(f"{path}: not yet supported")
