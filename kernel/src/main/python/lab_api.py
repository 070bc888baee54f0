"""Small clients of a running Jupyter Notebook server, for `./kit test` (browser stage).

  lab_api.py wait URL TOKEN SECONDS        until GET /api answers
  lab_api.py stop-kernels URL TOKEN        DELETE every running kernel (so none outlives the server)
  lab_api.py check-page URL TOKEN HTML PNG KERNEL
        the page Chromium rendered shows the notebook with its chart (an image output), the screenshot is a real
        PNG, and opening the page started a KERNEL kernel that became idle
"""
import json
import sys
import time
import urllib.request


def api(url, token, path, method="GET"):
    req = urllib.request.Request(f"{url}{path}", method=method, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
        return json.loads(body) if body else None


def wait(url, token, seconds):
    deadline = time.monotonic() + float(seconds)
    while time.monotonic() < deadline:
        try:
            api(url, token, "/api")
            return 0
        except OSError:
            time.sleep(0.3)
    print(f"lab_api: no Jupyter server answered at {url} within {seconds} s", file=sys.stderr)
    return 1


def stop_kernels(url, token):
    for k in api(url, token, "/api/kernels"):
        api(url, token, f"/api/kernels/{k['id']}", method="DELETE")
    return 0


def check_page(url, token, html_file, png_file, kernel_name):
    problems = []
    html = open(html_file, encoding="utf-8", errors="replace").read()
    if "Start here" not in html:
        problems.append("the page does not show the notebook's title 'Start here'")
    charts = html.count('<img src="data:image/png;base64,')
    if charts < 1:
        problems.append("the page shows no image output (the flash map chart)")
    png = open(png_file, "rb").read()
    if not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) < 20_000:
        problems.append(f"the screenshot {png_file} is not a plausible PNG ({len(png)} bytes)")
    kernels = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        kernels = [k for k in api(url, token, "/api/kernels") if k["name"] == kernel_name]
        if any(k["execution_state"] == "idle" for k in kernels):
            break
        time.sleep(0.5)
    else:
        problems.append(f"opening the page did not start an idle {kernel_name} kernel (kernels: {kernels})")
    for p in problems:
        print("browser check: " + p, file=sys.stderr)
    if not problems:
        print(f"browser check: notebook page with {charts} chart image(s), {kernel_name} kernel idle, "
              f"screenshot {png_file} ({len(png)} bytes)")
    return 1 if problems else 0


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    handlers = {"wait": wait, "stop-kernels": stop_kernels, "check-page": check_page}
    sys.exit(handlers[command](*args))
