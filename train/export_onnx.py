"""Export the trained cross-encoder to ONNX, quantize it dynamically to int8 and put it with its
tokenizer in the package (src/newscheck/models/consistency/); check that int8 agrees with torch.

    .venv/bin/python train/export_onnx.py [--model build/train/model]   # needs the `train` extra
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "src" / "newscheck" / "models" / "consistency"
PROBES = [
    ("The central bank cut its deposit rate by 25 basis points on Thursday.", "The bank lowered its rate."),
    ("The central bank cut its deposit rate by 25 basis points on Thursday.", "The bank raised its rate."),
    ("Shares of Acme rose 4% after the company reported record profits.", "Acme shares fell 4%."),
    ("Maria Lopez, the mayor of Springfield, opened the new bridge on Monday.",
     "Springfield's mayor opened the bridge."),
]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(ROOT / "build" / "train" / "model"))
    ap.add_argument("--dest", default=str(DEST))
    ap.add_argument("--log", default=str(ROOT / "train" / "RESULTS.json"))
    args = ap.parse_args(argv)

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.set_num_threads(2)
    src = Path(args.model)
    if not (src / "config.json").exists():
        sys.exit(f"export_onnx: no trained model in {src}; run train/train_consistency.py first")
    tok = AutoTokenizer.from_pretrained(src)
    model = AutoModelForSequenceClassification.from_pretrained(src).eval()
    dest = Path(args.dest)
    dest.mkdir(parents=True, exist_ok=True)
    fp32 = ROOT / "build" / "train" / "model.fp32.onnx"
    enc = tok([PROBES[0][0]], [PROBES[0][1]], return_tensors="pt")
    torch.onnx.export(
        model, (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]), str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
        dynamic_axes={n: {0: "batch", 1: "tokens"} for n in ("input_ids", "attention_mask", "token_type_ids")}
        | {"logits": {0: "batch"}}, opset_version=17, dynamo=False)
    # per channel: per-tensor int8 moved P(consistent) by up to 0.29 on the probes below
    quantize_dynamic(str(fp32), str(dest / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copy(src / "tokenizer.json", dest / "tokenizer.json")

    sys.path.insert(0, str(ROOT / "src"))
    from newscheck.faithfulness.model import OnnxConsistency

    t0 = time.perf_counter()
    onnx_model = OnnxConsistency(dest)
    load_s = time.perf_counter() - t0
    with torch.no_grad():
        e = tok([p for p, _ in PROBES], [h for _, h in PROBES], padding=True, return_tensors="pt")
        ref = torch.softmax(model(**e).logits, -1)[:, 1].tolist()
    got = onnx_model.consistent(PROBES)
    report = {"onnx_bytes": (dest / "model.onnx").stat().st_size, "load_seconds": round(load_s, 3),
              "probes": [{"premise": p, "hypothesis": h, "torch_fp32": round(a, 4), "onnx_int8": round(b, 4)}
                         for (p, h), a, b in zip(PROBES, ref, got)],
              "max_abs_diff": round(max(abs(a - b) for a, b in zip(ref, got)), 4)}
    log = json.loads(Path(args.log).read_text()) if Path(args.log).exists() else {}
    log["export"] = report
    Path(args.log).write_text(json.dumps(log, indent=1) + "\n")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
