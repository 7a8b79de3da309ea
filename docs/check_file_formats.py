"""Runs every python example of docs/file-formats.md in FOLDER, which holds the run
folders cbf, seasonal, injected and grid made by the commands the document names
(and `btsf-cli compare demo:CBF --augmentations dropout --fusion sum --seeds 1
--iters 2 --out grid`). Needs json and h5py only; exits non-zero on the first
example that fails.

    python3 docs/check_file_formats.py FOLDER
"""
import os
import re
import sys

doc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "file-formats.md")
examples = re.findall(r"```python\n(.*?)```", open(doc, encoding="utf-8").read(), re.S)
os.chdir(sys.argv[1])
for i, code in enumerate(examples, 1):
    print(f"-- example {i}")
    exec(compile(code, f"file-formats.md example {i}", "exec"), {})
print(f"all {len(examples)} examples ran")
