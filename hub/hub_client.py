"""A student, simulated, against a running `./kit hub` (used by the hub test and `./kit bench hub`): log in, start
the server through the hub's REST API, run a notebook's code cells one by one in a kernel over the kernel's
websocket channel (the way the browser does), save the result into the student's copy through the contents API.

Debian's python3 and its tornado only (no extra packages)."""
import json
import time
import urllib.parse
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

AsyncHTTPClient.configure(None, max_clients=200)


class HubError(Exception):
    """A step that failed; the message says which and what the hub answered."""


class Hub:
    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token
        self.http = AsyncHTTPClient()

    async def request(self, method, path, body=None, token=None, ok=(200, 201, 202, 204), timeout=120, **kwargs):
        """(status, parsed JSON or text) of a request to the hub or through its proxy; HubError if the status is
        not in ok (ok=None: any status is returned)."""
        headers = {"Authorization": "token %s" % (token or self.token)}
        data = None
        if body is not None:
            data = json.dumps(body) if not isinstance(body, str) else body
            headers.setdefault("Content-Type", "application/json")
        request = HTTPRequest(self.url + path, method=method, headers=headers, body=data, request_timeout=timeout,
                              follow_redirects=False, validate_cert=False, allow_nonstandard_methods=True, **kwargs)
        try:
            response = await self.http.fetch(request, raise_error=False)
        except (OSError, HTTPClientError) as e:
            raise HubError("%s %s: %s" % (method, path, e))
        text = response.body.decode("utf-8", "replace") if response.body else ""
        try:
            value = json.loads(text) if text else None
        except ValueError:
            value = text
        if ok is not None and response.code not in ok:
            raise HubError("%s %s: HTTP %d %s" % (method, path, response.code, text[:300]))
        return response.code, value

    async def wait_up(self, seconds):
        deadline = time.monotonic() + seconds
        while True:
            try:
                code, _ = await self.request("GET", "/hub/api/", ok=None, timeout=5)
                if code == 200:
                    return
            except HubError:
                pass
            if time.monotonic() > deadline:
                raise HubError("the hub did not answer on %s within %d s" % (self.url, seconds))
            await _sleep(0.5)

    async def login(self, name, password):
        """True when the hub accepts the password (its login form answers with a redirect and a cookie)."""
        body = urllib.parse.urlencode({"username": name, "password": password})
        request = HTTPRequest(self.url + "/hub/login", method="POST", body=body, follow_redirects=False,
                              validate_cert=False, request_timeout=120)
        try:
            response = await self.http.fetch(request, raise_error=False)
        except (OSError, HTTPClientError) as e:
            raise HubError("POST /hub/login as %s: %s" % (name, e))
        return response.code == 302 and any("jupyterhub-" in c for c in response.headers.get_list("Set-Cookie"))

    async def start_server(self, name, seconds=180):
        """Starts the user's server and waits until the hub says it is ready."""
        await self.request("POST", "/hub/api/users/%s/server" % name, ok=(201, 202, 400))
        deadline = time.monotonic() + seconds
        while True:
            _, user = await self.request("GET", "/hub/api/users/%s" % name)
            server = (user.get("servers") or {}).get("")
            if server and server.get("ready"):
                return
            if not user.get("pending") and not server:
                raise HubError("%s's server stopped while starting (see the hub's log)" % name)
            if time.monotonic() > deadline:
                raise HubError("%s's server was not ready within %d s" % (name, seconds))
            await _sleep(0.5)

    async def stop_server(self, name):
        await self.request("DELETE", "/hub/api/users/%s/server" % name, ok=(202, 204, 400, 404))

    async def wait_stopped(self, name, seconds=60):
        """Returns once the hub says name has no server, running or pending; HubError after seconds."""
        for _ in range(seconds * 2):
            _, user = await self.request("GET", "/hub/api/users/%s" % name)
            if not user.get("servers") and not user.get("pending"):
                return
            await _sleep(0.5)
        raise HubError("%s's server did not stop" % name)

    async def user_token(self, name):
        _, value = await self.request("POST", "/hub/api/users/%s/tokens" % name,
                                      body={"note": "kit hub test", "expires_in": 3600})
        return value["token"]


class Student:
    """One user's server, reached through the hub's proxy."""

    def __init__(self, hub, name, token=None):
        self.hub, self.name, self.token = hub, name, token
        self.base = "/user/%s" % name

    async def get(self, path, ok=(200,)):
        return await self.hub.request("GET", self.base + path, token=self.token, ok=ok)

    async def read_notebook(self, path):
        _, model = await self.get("/api/contents/%s?content=1" % urllib.parse.quote(path))
        return model["content"]

    async def save_notebook(self, path, nb):
        await self.hub.request("PUT", self.base + "/api/contents/%s" % urllib.parse.quote(path), token=self.token,
                               body={"type": "notebook", "format": "json", "content": nb})

    async def start_kernel(self, kernel_name, notebook_path):
        """A kernel started in the notebook's folder (a session, as the browser makes it)."""
        _, session = await self.hub.request("POST", self.base + "/api/sessions", token=self.token,
                                            body={"path": notebook_path, "type": "notebook", "name": "",
                                                  "kernel": {"name": kernel_name}})
        return Kernel(self, session["kernel"]["id"], session["id"])

    async def stop_session(self, kernel):
        await self.hub.request("DELETE", self.base + "/api/sessions/%s" % kernel.session, token=self.token,
                               ok=(204, 404))


class Kernel:
    def __init__(self, student, kernel_id, session):
        self.student, self.id, self.session = student, kernel_id, session
        self.ws = None
        self.client_session = uuid.uuid4().hex

    async def connect(self):
        hub = self.student.hub
        url = hub.url.replace("http", "ws", 1) + "%s/api/kernels/%s/channels?session_id=%s" % (
            self.student.base, self.id, self.client_session)
        request = HTTPRequest(url, headers={"Authorization": "token %s" % (self.student.token or hub.token)},
                              validate_cert=False, request_timeout=120)
        try:
            self.ws = await websocket_connect(request, max_message_size=256 * 1024 * 1024)
        except (OSError, HTTPClientError) as e:
            raise HubError("%s's kernel websocket: %s" % (self.student.name, e))

    def close(self):
        if self.ws is not None:
            self.ws.close()

    async def execute(self, code, timeout):
        """The nbformat outputs of one execution, and its execution count; HubError on time-out or a closed
        channel."""
        msg_id = uuid.uuid4().hex
        self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": self.student.name, "session": self.client_session,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": False}}))
        outputs, count, replied, idle = [], None, False, False
        deadline = time.monotonic() + timeout
        while not (replied and idle):
            left = deadline - time.monotonic()
            if left <= 0:
                raise HubError("a cell did not finish within %d s" % timeout)
            try:
                raw = await _with_timeout(self.ws.read_message(), left)
            except TimeoutError:
                raise HubError("a cell did not finish within %d s" % timeout)
            if raw is None:
                raise HubError("the kernel's websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if msg.get("channel") == "shell" and kind == "execute_reply":
                replied, count = True, content.get("execution_count")
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "stream":
                outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            elif kind in ("display_data", "execute_result"):
                out = {"output_type": kind, "data": content.get("data", {}), "metadata": content.get("metadata", {})}
                if kind == "execute_result":
                    out["execution_count"] = content.get("execution_count")
                outputs.append(out)
            elif kind == "error":
                outputs.append({"output_type": "error", "ename": content.get("ename", ""),
                                "evalue": content.get("evalue", ""), "traceback": content.get("traceback", [])})
            elif kind == "clear_output":
                outputs.clear()
        return outputs, count


def source_of(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def text_of(outputs):
    """Everything a cell showed, as text (streams, text/plain, errors)."""
    parts = []
    for out in outputs:
        if out["output_type"] == "stream":
            parts.append(out["text"])
        elif out["output_type"] == "error":
            parts.append("%s: %s" % (out["ename"], out["evalue"]))
        else:
            parts.append(str(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


async def run_notebook(kernel, nb, cell_timeout, on_first_result=None):
    """Runs the notebook's code cells in order (as Run All does), storing outputs in nb; returns the errors of cells
    not tagged raises-exception, as (cell index, text)."""
    errors = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        outputs, count = await kernel.execute(source_of(cell), cell_timeout)
        if on_first_result is not None:
            on_first_result()
            on_first_result = None
        cell["outputs"], cell["execution_count"] = outputs, count
        if any(o["output_type"] == "error" for o in outputs) \
                and "raises-exception" not in cell.get("metadata", {}).get("tags", []):
            errors.append((index, text_of(outputs)[:300]))
    return errors


async def _sleep(seconds):
    import asyncio
    await asyncio.sleep(seconds)


async def _with_timeout(awaitable, seconds):
    import asyncio
    try:
        return await asyncio.wait_for(awaitable, seconds)
    except asyncio.TimeoutError:
        raise TimeoutError()
