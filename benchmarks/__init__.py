"""namenorm's benchmark suite: gold sets, metrics, baselines, speed and scaling (run with benchmarks/run.py)."""
