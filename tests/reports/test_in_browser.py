"""report.html and compare.html opened from disk in a real browser: Debian's chromium, driven by
Selenium through Debian's chromium-driver (`make test` installs both). Screenshots are saved in
test-artifacts/ and listed at the end of the test output."""

import json
import os
from pathlib import Path

import pytest
from report_runs import train_tiny

from genforge.cli.main import main

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser():
    missing = [path for path in (CHROMIUM, DRIVER) if not Path(path).exists()]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("the selenium package")
    if missing:
        if os.environ.get("GENFORGE_REQUIRE_BROWSER"):
            pytest.fail(f"browser tests need {', '.join(missing)} (make test installs them)")
        pytest.skip(f"no {', '.join(missing)} here (make test installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,2400"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def open_page(browser, path: Path) -> None:
    browser.get_log("browser")  # drop earlier messages
    browser.get(path.resolve().as_uri())
    browser.execute_script("return document.readyState")


def assert_images_loaded_and_console_clean(browser) -> None:
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.alt, i.complete, i.naturalWidth]);")
    assert images, "the page shows images"
    broken = [alt for alt, complete, width in images if not complete or width <= 0]
    assert not broken, f"images that did not load: {broken}"
    errors = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
    assert not errors, errors


def screenshot(browser, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    browser.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def test_report_in_a_browser(browser, tmp_path, tiny_data_dir):
    run = Path(train_tiny(tmp_path, tiny_data_dir, "gan"))
    assert main(["report", str(run), "--n", "64"]) == 0
    open_page(browser, run / "report.html")
    assert_images_loaded_and_console_clean(browser)
    from selenium.webdriver.common.by import By

    shown = {row.find_elements(By.TAG_NAME, "td")[0].text: row.find_elements(By.TAG_NAME, "td")[1].text
             for row in browser.find_elements(By.CSS_SELECTOR, "#metrics tbody tr")}
    values = json.loads((run / "eval.json").read_text())["metrics"]
    for name in ("FID[fmnist-cnn]", "IS[fmnist-cnn]", "KID[fmnist-cnn]", "precision[fmnist-cnn]", "recall[fmnist-cnn]"):
        assert shown[name] == f"{values[name]:.4f}"
    screenshot(browser, "report.png")


def test_compare_sorts_in_a_browser(browser, tmp_path, tiny_data_dir):
    from selenium.webdriver.common.by import By

    runs = [train_tiny(tmp_path, tiny_data_dir, name, steps=steps) for name, steps in (("short", 4), ("long", 8))]
    for run in runs:
        assert main(["eval", run, "--n", "64", "--n-real", "64"]) == 0
    out = tmp_path / "compare.html"
    assert main(["compare", *runs, "--out", str(out)]) == 0
    open_page(browser, out)
    assert_images_loaded_and_console_clean(browser)

    def column(index: int) -> list[str]:
        return [row.find_elements(By.TAG_NAME, "td")[index].text
                for row in browser.find_elements(By.CSS_SELECTOR, "#leaderboard tbody tr")]

    headings = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#leaderboard th")]
    steps_heading = browser.find_elements(By.CSS_SELECTOR, "#leaderboard th")[headings.index("steps")]
    steps_heading.click()
    assert column(headings.index("steps")) == ["4", "8"]
    steps_heading.click()
    assert column(headings.index("steps")) == ["8", "4"]
    run_heading = browser.find_elements(By.CSS_SELECTOR, "#leaderboard th")[0]
    run_heading.click()
    assert column(0) == ["long", "short"], "text columns sort alphabetically"
    run_heading.click()
    assert column(0) == ["short", "long"]
    screenshot(browser, "compare.png")


def test_a_music_report_plays_its_audio_in_a_browser(browser, tmp_path):
    """Every <audio> element of a polyphonic run's report loads its WAV from report_files/ (its duration
    is above zero), every piano roll loads, and the console has no errors."""
    run = tmp_path / "music"
    config = tmp_path / "tiny-polyphonic.yaml"
    config.write_text("model:\n  name: polyphonic\n  hidden: 8\n  nade_hidden: 4\n  sample_frames: 16\n")
    assert main(["train", "--config", str(config), "--dataset", "jsb-chorales", "--max-pieces", "8", "--steps", "2",
                 "--batch-size", "4", "--checkpoint-every", "2", "--out", str(run)]) == 0
    assert main(["report", str(run)]) == 0
    open_page(browser, run / "report.html")
    browser.set_script_timeout(30)
    durations = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const players = Array.from(document.querySelectorAll('audio'));
        Promise.all(players.map(a => a.readyState >= 1 ? a.duration : new Promise(resolve => {
            a.addEventListener('loadedmetadata', () => resolve(a.duration));
            a.addEventListener('error', () => resolve(-1));
            a.load();
        }))).then(done);""")
    assert len(durations) == 4 and all(d > 0 for d in durations), durations
    sources = browser.execute_script("return Array.from(document.querySelectorAll('audio')).map(a => a.src);")
    assert all("report_files/" in source and source.endswith(".wav") for source in sources)
    assert_images_loaded_and_console_clean(browser)
    screenshot(browser, "music-report.png")


def test_an_image_to_image_report_in_a_browser(browser, tmp_path, tiny_data_dir):
    config = tmp_path / "pix2pix.yaml"
    config.write_text("model:\n  name: pix2pix\n  width: 4\n  discriminator_width: 4\n")
    run = tmp_path / "fill"
    assert main(["train", "--config", str(config), "--data-dir", str(tiny_data_dir), "--task", "inpaint", "--mask",
                 "strokes", "--steps", "4", "--batch-size", "8", "--checkpoint-every", "2", "--out", str(run)]) == 0
    assert main(["report", str(run), "--n", "16"]) == 0
    open_page(browser, run / "report.html")
    assert_images_loaded_and_console_clean(browser)
    from selenium.webdriver.common.by import By

    cells = {row.find_elements(By.TAG_NAME, "td")[0].text: [td.text for td in row.find_elements(By.TAG_NAME, "td")[1:]]
             for row in browser.find_elements(By.CSS_SELECTOR, "#metrics tbody tr")}
    record = json.loads((run / "eval.json").read_text())
    assert cells["PSNR (dB)"] == [f"{record['metrics']['PSNR (dB)']:.4f}",
                                  f"{record['baselines']['mean colour']['PSNR (dB)']:.4f}",
                                  f"{record['baselines']['biharmonic']['PSNR (dB)']:.4f}"]
    alts = browser.execute_script("return Array.from(document.images).map(i => i.alt);")
    assert "held-out images: input | output | target" in alts
    screenshot(browser, "report-image-to-image.png")
