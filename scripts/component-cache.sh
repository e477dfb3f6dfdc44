# Sourced by the ensure-* scripts: where built Go components live. Outside the clone, beside Go's own
# build cache, so every clone on a machine (and CI's fresh clone) reuses a build; a new machine builds
# once. KAPI_CACHE_DIR overrides it.
component_cache="${KAPI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kapi}"
