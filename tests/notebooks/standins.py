"""Small fake-but-valid data files, written exactly where the real Keras loaders look.

With `KERAS_HOME` pointing at a temp dir, `keras.datasets.fashion_mnist.load_data()`,
`keras.datasets.imdb.load_data()`, `keras.datasets.imdb.get_word_index()` and
`keras.utils.get_file(...)` and `keras.applications.MobileNetV3Small(weights="imagenet")` find
these files in their cache and never download. The notebooks run unchanged. Each data set has
learnable structure, so "the loss went down" is a real check.

The IMDB files and the MobileNetV3 weights carry hashes that the stand-ins cannot match; see
kernel_guard.py for how the test kernel accepts them. Every writer returns {path: sha256} for
that purpose.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import numpy as np
from kernel_guard import kernel_env
from PIL import Image

FASHION_DIR = Path("datasets") / "fashion-mnist"
JENA_ZIP = Path("datasets") / "jena_climate_2009_2016.csv.zip"
JENA_CSV_NAME = "jena_climate_2009_2016.csv"
IMDB_NPZ = Path("datasets") / "imdb.npz"
IMDB_WORD_INDEX = Path("datasets") / "imdb_word_index.json"
FLOWERS_TGZ = Path("datasets") / "flower_photos.tgz"
# keras.applications.MobileNetV3Small(include_top=False, weights="imagenet") reads this file.
MOBILENET_WEIGHTS = Path("models") / "weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _record(paths: list[Path]) -> dict[str, str]:
    return {str(path.resolve()): sha256_of(path) for path in paths}


# --- Fashion-MNIST: four gzipped IDX files --------------------------------------------------


def _idx_labels(labels: np.ndarray) -> bytes:
    return struct.pack(">II", 2049, len(labels)) + labels.astype(np.uint8).tobytes()


def _idx_images(images: np.ndarray) -> bytes:
    count, rows, cols = images.shape
    return struct.pack(">IIII", 2051, count, rows, cols) + images.astype(np.uint8).tobytes()


def fashion_images(labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """28x28 uint8 images: one blocky template per class, shifted a pixel and noised. One image
    in eight shows another class's template, so a trained model still makes some mistakes."""
    templates = np.random.default_rng(1234).random((10, 7, 7)) > 0.5
    drawn = np.where(rng.random(len(labels)) < 0.125, rng.integers(0, 10, len(labels)), labels)
    images = np.kron(templates[drawn], np.ones((4, 4))) * 180.0
    shifts = rng.integers(-1, 2, size=(len(labels), 2))
    for i, (dy, dx) in enumerate(shifts):
        images[i] = np.roll(images[i], (dy, dx), axis=(0, 1))
    images += rng.normal(0, 35, images.shape)
    return np.clip(images, 0, 255).astype(np.uint8)


def write_fashion_mnist(keras_home: Path, n_train: int = 600, n_test: int = 200,
                        seed: int = 0) -> dict[str, str]:
    rng = np.random.default_rng(seed)
    folder = keras_home / FASHION_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for prefix, count in (("train", n_train), ("t10k", n_test)):
        labels = np.arange(count) % 10
        rng.shuffle(labels)
        parts = {"labels-idx1-ubyte": _idx_labels(labels),
                 "images-idx3-ubyte": _idx_images(fashion_images(labels, rng))}
        for suffix, payload in parts.items():
            path = folder / f"{prefix}-{suffix}.gz"
            path.write_bytes(gzip.compress(payload, mtime=0))
            written.append(path)
    return _record(written)


# --- IMDB: imdb.npz (object arrays of word-rank lists) and imdb_word_index.json ----------

def _words(text: str) -> list[str]:
    return text.split()


POSITIVE = _words("great wonderful superb moving brilliant enjoyable charming funny beautiful "
            "touching excellent delightful")
NEGATIVE = _words("awful boring terrible dull waste poor stupid mess predictable weak "
            "annoying worst")
NEUTRAL = _words("the and a of to is in it this that was as with for but on movie film his are "
           "one have be at all by an who from so like her just about out has what some "
           "story can more when very up no time even which my would only really see its "
           "plot end scene actor cast director music part two character")
VOCABULARY = NEUTRAL + POSITIVE + NEGATIVE  # rank = position + 1, as in the real index


def imdb_review(label: int, rng: np.random.Generator) -> list[int]:
    """A review as word ranks: neutral filler plus words of its own sentiment (and a little
    of the other, so the task is not trivially separable)."""
    rank = {word: i + 1 for i, word in enumerate(VOCABULARY)}
    own, other = (POSITIVE, NEGATIVE) if label == 1 else (NEGATIVE, POSITIVE)
    length = int(rng.integers(20, 120))
    words = list(rng.choice(NEUTRAL, size=length))
    for _ in range(max(3, length // 6)):
        words[int(rng.integers(length))] = str(rng.choice(own))
    words[int(rng.integers(length))] = str(rng.choice(other))
    return [rank[w] for w in words]


def _ragged(rows: list[list[int]]) -> np.ndarray:
    array = np.empty(len(rows), dtype=object)
    array[:] = rows  # Python int lists: the real loader's restricted unpickler accepts them
    return array


def write_imdb(keras_home: Path, n_train: int = 400, n_test: int = 200,
               seed: int = 0) -> dict[str, str]:
    rng = np.random.default_rng(seed)
    npz = keras_home / IMDB_NPZ
    npz.parent.mkdir(parents=True, exist_ok=True)
    splits = {}
    for name, count in (("train", n_train), ("test", n_test)):
        labels = np.arange(count) % 2
        splits[f"x_{name}"] = _ragged([imdb_review(int(y), rng) for y in labels])
        splits[f"y_{name}"] = labels.astype(np.int64)
    buffer = io.BytesIO()
    np.savez(buffer, **splits)
    npz.write_bytes(buffer.getvalue())
    word_index = keras_home / IMDB_WORD_INDEX
    word_index.write_text(json.dumps({w: i + 1 for i, w in enumerate(VOCABULARY)}))
    return _record([npz, word_index])


# --- Jena climate: the zipped CSV, 10-minute readings, same columns as the real file -----

JENA_COLUMNS = ["Date Time", "p (mbar)", "T (degC)", "Tpot (K)", "Tdew (degC)", "rh (%)",
                "VPmax (mbar)", "VPact (mbar)", "VPdef (mbar)", "sh (g/kg)",
                "H2OC (mmol/mol)", "rho (g/m**3)", "wv (m/s)", "max. wv (m/s)", "wd (deg)"]


def jena_table(days: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """A daily temperature cycle plus a slow drift and noise; the other columns follow it."""
    steps = days * 24 * 6
    hours = np.arange(1, steps + 1) / 6.0  # the real file starts at 00:10
    temp = 8 + 6 * np.sin(2 * np.pi * (hours - 9) / 24) + 3 * np.sin(2 * np.pi * hours / 240)
    temp += rng.normal(0, 0.4, steps)
    vp_max = 6.1 * np.exp(17.6 * temp / (temp + 243.0))
    rh = np.clip(80 - 2.5 * (temp - 8) + rng.normal(0, 3, steps), 20, 100)
    wind = np.abs(rng.normal(2, 1, steps))
    wind[rng.choice(steps, size=3, replace=False)] = -9999.0  # the real file has these too
    pressure = 990 + 4 * np.sin(2 * np.pi * hours / 180) + rng.normal(0, 0.3, steps)
    return {"p (mbar)": pressure, "T (degC)": temp, "Tpot (K)": temp + 273.15 + 0.8,
            "Tdew (degC)": temp - (100 - rh) / 5, "rh (%)": rh, "VPmax (mbar)": vp_max,
            "VPact (mbar)": vp_max * rh / 100, "VPdef (mbar)": vp_max * (1 - rh / 100),
            "sh (g/kg)": 0.6 * vp_max * rh / 100, "H2OC (mmol/mol)": vp_max * rh / 100,
            "rho (g/m**3)": 1290 - 4.5 * temp, "wv (m/s)": wind,
            "max. wv (m/s)": np.where(wind < 0, wind, wind * 1.8),
            "wd (deg)": rng.uniform(0, 360, steps)}


# Like a real logger's record, the stand-in has a gap and a repeated reading: JENA_GAP_HOURS
# hours of readings are missing from hour JENA_GAP_START on, and one row appears twice.
JENA_GAP_START, JENA_GAP_HOURS, JENA_REPEATED_ROW = 500, 3, 100


def jena_csv(days: int = 40, seed: int = 0) -> str:
    rng = np.random.default_rng(seed)
    table = jena_table(days, rng)
    start = np.datetime64("2009-01-01T00:10")
    stamps = start + np.arange(days * 24 * 6) * np.timedelta64(10, "m")
    lines = [",".join(JENA_COLUMNS)]
    values = np.column_stack([table[name] for name in JENA_COLUMNS[1:]])
    gap = range(JENA_GAP_START * 6, (JENA_GAP_START + JENA_GAP_HOURS) * 6)
    for index, (stamp, row) in enumerate(
        zip(stamps.astype("datetime64[m]").tolist(), values, strict=True)
    ):
        if index in gap:
            continue
        line = stamp.strftime("%d.%m.%Y %H:%M:%S,") + ",".join(f"{v:.2f}" for v in row)
        lines += [line, line] if index == JENA_REPEATED_ROW * 6 - 1 else [line]
    return "\n".join(lines) + "\n"


def jena_rows(days: int = 40) -> int:
    """Rows in the stand-in CSV: every 10 minutes, less the gap, plus the repeated row."""
    return days * 24 * 6 - JENA_GAP_HOURS * 6 + 1


def write_jena(keras_home: Path, days: int = 40, seed: int = 0) -> dict[str, str]:
    path = keras_home / JENA_ZIP
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(JENA_CSV_NAME, jena_csv(days, seed))
    return _record([path])


# --- Flower photos: flower_photos.tgz, one folder of JPEGs per class plus LICENSE.txt ----------

FLOWER_CLASSES = ["daisy", "dandelion", "roses", "sunflowers", "tulips"]  # the real folder names
FLOWER_COLORS = [(235, 235, 225), (240, 210, 40), (200, 30, 60), (250, 170, 20), (170, 60, 200)]


def flower_image(label: int, rng: np.random.Generator) -> Image.Image:
    """A green, noisy background with a blob in the class's color, placed and sized at random;
    the sizes vary and are rarely square, like real photos, so the loader has to crop."""
    width, height = int(rng.integers(40, 90)), int(rng.integers(36, 80))
    pixels = rng.normal((60, 110, 50), 25, (height, width, 3))
    radius = rng.uniform(0.2, 0.4) * min(width, height)
    cy, cx = rng.uniform(radius, height - radius), rng.uniform(radius, width - radius)
    rows, cols = np.ogrid[:height, :width]
    blob = (rows - cy) ** 2 + (cols - cx) ** 2 < radius**2
    pixels[blob] = rng.normal(FLOWER_COLORS[label], 15, (int(blob.sum()), 3))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def _add_file(archive: tarfile.TarFile, name: str, payload: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(payload), 0, 0o644
    archive.addfile(info, io.BytesIO(payload))


def write_flower_photos(keras_home: Path, per_class: int = 10, seed: int = 0) -> dict[str, str]:
    """flower_photos.tgz as the real archive lays it out: flower_photos/CLASS/NAME.jpg, and a
    LICENSE.txt file next to the class folders that the notebook must not take for a class."""
    rng = np.random.default_rng(seed)
    path = keras_home / FLOWERS_TGZ
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w:gz") as archive:
        _add_file(archive, "flower_photos/LICENSE.txt", b"Stand-in images made by the tests.\n")
        for label, name in enumerate(FLOWER_CLASSES):
            for number in range(per_class):
                jpeg = io.BytesIO()
                flower_image(label, rng).save(jpeg, format="JPEG", quality=90)
                _add_file(archive, f"flower_photos/{name}/{name}_{number:03d}.jpg", jpeg.getvalue())
    return _record([path])


def save_calibrated_mobilenet(path: str, size: int, seed: int) -> None:
    """Random MobileNetV3Small weights whose batch-norm layers hold the mean and variance of
    what they see on stand-in flowers, as trained statistics would: with the initial ones, a
    random backbone in inference mode outputs numbers near 1e-10, and nothing can learn from
    them. Runs in a child process (write_mobilenet_weights), which may import Keras."""
    import h5py
    import keras
    from keras.src.legacy.saving import legacy_h5_format

    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    images = [flower_image(i % len(FLOWER_CLASSES), rng).resize((size, size)) for i in range(20)]
    backbone = keras.applications.MobileNetV3Small(
        input_shape=(size, size, 3), include_top=False, weights=None
    )
    for layer in backbone.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            layer.momentum = 0.0  # one training-mode pass stores this batch's statistics
    backbone(np.stack([np.asarray(image, dtype="float32") for image in images]), training=True)
    with h5py.File(path, "w") as weights_file:  # the format of the real download
        legacy_h5_format.save_weights_to_hdf5_group(weights_file, backbone)


def write_mobilenet_weights(keras_home: Path, size: int = 32, seed: int = 0) -> dict[str, str]:
    """Stand-in "ImageNet" weights where keras.applications looks for them. Made in a child
    process, so that the test process imports neither Keras nor PyTorch."""
    path = keras_home / MOBILENET_WEIGHTS
    path.parent.mkdir(parents=True, exist_ok=True)
    code = f"import standins; standins.save_calibrated_mobilenet({str(path)!r}, {size}, {seed})"
    env = {**os.environ, "KERAS_BACKEND": "torch", "KERAS_HOME": str(keras_home),
           "OMP_NUM_THREADS": "1", "PYTHONWARNINGS": "ignore"}
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"making stand-in weights {path.name} failed:\n{done.stderr[-3000:]}")
    return _record([path])


# --- one call per notebook: stand-ins plus the kernel guard --------------------------------

WRITERS = {
    "03-image-classification.ipynb": [write_fashion_mnist],
    "04-text-classification.ipynb": [write_imdb],
    "05-weather-forecasting.ipynb": [write_jena],
    "10-transfer-learning.ipynb": [write_flower_photos, write_mobilenet_weights],
}


def prepare_env(name: str, workdir: Path) -> dict[str, str]:
    """Write notebook `name`'s stand-ins under workdir/keras and the kernel guard under workdir;
    return the env to pass to run_notebook (KERAS_HOME, IPYTHONDIR and the guard's files)."""
    keras_home = workdir / "keras"
    hashes: dict[str, str] = {}
    for writer in WRITERS[name]:
        hashes.update(writer(keras_home))
    return {"KERAS_HOME": str(keras_home), **kernel_env(workdir, hashes)}
