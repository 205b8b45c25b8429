"""Study configs: model (frozen dataclasses) · load (TOML checks) · infer (from column names)
· options (library parameters and command-line options laid over a config)."""

from .infer import config_to_toml, infer_both, infer_config
from .load import load_config, parse_config
from .model import (
    FactorConfig,
    GroupsConfig,
    InfluenceConfig,
    ReportConfig,
    ScaleConfig,
    StudyConfig,
    VignetteConfig,
    default_min_items,
    normalise_answer,
    with_scales,
)

__all__ = [
    "FactorConfig", "GroupsConfig", "InfluenceConfig", "ReportConfig", "ScaleConfig",
    "StudyConfig", "VignetteConfig", "config_to_toml", "default_min_items", "infer_both",
    "infer_config", "load_config", "normalise_answer", "parse_config", "with_scales",
]
