"""JupyterHub configuration for `./kit hub` (Debian 12's JupyterHub 3.0 and Notebook 6).

`./kit hub` writes the settings of one run to .hub-local/settings.json (gitignored) and starts
`jupyterhub -f hub/jupyterhub_config.py` with KIT_HUB_SETTINGS pointing at it and the teacher's admin token in
KIT_HUB_ADMIN_TOKEN (kept in memory only: the hub stores its hash).

What it sets up:
- the proxy (configurable-http-proxy from .node-local/hub, pinned by hub/package-lock.json) on the teacher's address,
  TLS when it is not a loopback one; the hub's own API on 127.0.0.1 only;
- the authenticator: KitUserList (a file of `name password [admin]` lines the teacher keeps) or PAM (local accounts);
- every student in their own Unix account (LocalProcessSpawner, the hub runs as root): the account is made at the
  first start if missing, the home is 0700, and it gets a copy of the student notebooks (see deliver_notebooks);
- limits: the single-user server and its kernels run at nice 10 (the hub and the proxy stay responsive), in a cgroup
  per student when the machine allows it (one core at most, a memory cap), the kernel's heap capped by its kernelspec;
  idle kernels and idle servers are shut down by Notebook's own culling.
"""
import hmac
import json
import os
import sys

from jupyterhub.auth import Authenticator
from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Dict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import student_home  # noqa: E402
from user_list import read_user_list  # noqa: E402

S = json.load(open(os.environ["KIT_HUB_SETTINGS"]))
STATE = S["state_dir"]
SYSTEM = S["system_dir"]                      # /usr/local/share/esp32ota-kit: jars, notebooks, sample images
NOTEBOOKS = os.path.join(SYSTEM, "notebooks")  # the student versions, the template of every student's copy

c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)


# --- authentication ------------------------------------------------------------------------------------------------

class KitUserListAuthenticator(Authenticator):
    """The users and passwords the teacher wrote in a file (for a lab room without shared accounts)."""
    passwords = Dict(config=True, help="name -> password")

    async def authenticate(self, handler, data):
        name = (data or {}).get("username", "")
        given = (data or {}).get("password", "").encode()
        known = self.passwords.get(name)
        if known is not None and hmac.compare_digest(known.encode(), given):
            return name
        return None


if S.get("users_file"):
    listed = read_user_list(S["users_file"])
    c.JupyterHub.authenticator_class = KitUserListAuthenticator
    c.KitUserListAuthenticator.passwords = {name: pw for name, (pw, _) in listed.items()}
    c.Authenticator.allowed_users = set(listed)
    c.Authenticator.admin_users = {name for name, (_, admin) in listed.items() if admin}
else:
    c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
c.Authenticator.blocked_users = {"root"}

# The teacher's token: an API service with the admin role (start/stop servers, read users, reach every server).
c.JupyterHub.services = [{"name": "kit-teacher", "api_token": os.environ["KIT_HUB_ADMIN_TOKEN"]}]
c.JupyterHub.load_roles = [{"name": "kit-teacher", "services": ["kit-teacher"],
                            "scopes": ["admin:users", "admin:servers", "access:servers", "tokens", "read:hub",
                                       "list:users", "read:users"]}]


# --- the hub, its proxy, its state ---------------------------------------------------------------------------------

c.JupyterHub.bind_url = S["bind_url"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = S["hub_port"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % S["proxy_api_port"]
c.ConfigurableHTTPProxy.command = [S["proxy_command"]]
c.ConfigurableHTTPProxy.pid_file = os.path.join(STATE, "proxy.pid")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(STATE, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(STATE, "cookie_secret")
c.JupyterHub.pid_file = os.path.join(STATE, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
if S.get("ssl_cert"):
    c.JupyterHub.ssl_cert = S["ssl_cert"]
    c.JupyterHub.ssl_key = S["ssl_key"]


# --- every student in their own account ----------------------------------------------------------------------------

def prepare_student(spawner):
    entry = student_home.ensure_account(spawner.user.name, spawner.log)
    student_home.deliver_notebooks(entry, NOTEBOOKS, os.path.join(SYSTEM, "sample-images"), spawner.log)
    student_home.link_into_class(entry, os.path.join(STATE, "class"))


# --- limits --------------------------------------------------------------------------------------------------------

CGROUP_ROOT = "/sys/fs/cgroup"


def write(path, value):
    with open(path, "w") as out:
        out.write(value)


def cgroup_dirs(name):
    """The student's cgroup directories, made with their limits: (v1 cpu, v1 memory) or (v2 unified); [] if the
    machine does not let us (no cgroup file system, or read-only)."""
    cpu_quota = int(S["cpu_per_student"] * 100000)
    memory = str(S["memory_per_student_mb"] * 1024 * 1024)
    v1_cpu, v1_mem = os.path.join(CGROUP_ROOT, "cpu"), os.path.join(CGROUP_ROOT, "memory")
    made = []
    try:
        if os.path.isfile(os.path.join(CGROUP_ROOT, "cgroup.controllers")):       # v2
            parent = os.path.join(CGROUP_ROOT, "esp32ota-kit")
            os.makedirs(parent, exist_ok=True)
            write(os.path.join(CGROUP_ROOT, "cgroup.subtree_control"), "+cpu +memory")
            write(os.path.join(parent, "cgroup.subtree_control"), "+cpu +memory")
            mine = os.path.join(parent, name)
            os.makedirs(mine, exist_ok=True)
            write(os.path.join(mine, "cpu.max"), "%d 100000" % cpu_quota)
            write(os.path.join(mine, "memory.max"), memory)
            made.append(mine)
        elif os.path.isdir(v1_cpu) and os.path.isdir(v1_mem):
            cpu, mem = os.path.join(v1_cpu, "esp32ota-kit", name), os.path.join(v1_mem, "esp32ota-kit", name)
            os.makedirs(cpu, exist_ok=True)
            os.makedirs(mem, exist_ok=True)
            write(os.path.join(cpu, "cpu.cfs_period_us"), "100000")
            write(os.path.join(cpu, "cpu.cfs_quota_us"), str(cpu_quota))
            write(os.path.join(mem, "memory.limit_in_bytes"), memory)
            made += [cpu, mem]
    except OSError:
        return made
    return made


class KitSpawner(LocalProcessSpawner):
    """LocalProcessSpawner that puts the student's server (and so its kernels) in the student's cgroup."""

    async def start(self):
        result = await super().start()
        dirs = cgroup_dirs(self.user.name)
        for path in dirs:
            try:
                write(os.path.join(path, "cgroup.procs"), str(self.pid))
            except OSError as e:
                self.log.warning("kit: could not put %s's server in %s: %s", self.user.name, path, e)
        if not dirs:
            self.log.info("kit: no cgroup for %s (not available here); nice 10 and the heap cap still apply",
                          self.user.name)
        return result


c.JupyterHub.spawner_class = KitSpawner
c.Spawner.pre_spawn_hook = prepare_student
# nice: a runaway cell competes with the other students' kernels, never with the hub and the proxy.
c.Spawner.cmd = ["/usr/bin/nice", "-n", "10", "/usr/bin/jupyterhub-singleuser"]
c.Spawner.environment = {
    "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",   # Debian 12 ships Notebook 6, no jupyter_server
    "PATH": "/usr/local/bin:/usr/bin:/bin",
}
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/tree/notebooks"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=%d" % S["cull_seconds"],
    "--MappingKernelManager.cull_interval=%d" % max(10, min(300, S["cull_seconds"] // 4)),
    "--NotebookApp.shutdown_no_activity_timeout=%d" % S["cull_seconds"],
    # A class logging in at once shares two cores: a kernel may take minutes to answer its first kernel_info
    # (./kit bench hub: one of 20 missed Notebook 6's 60 s and was then restarted in a loop).
    "--MappingKernelManager.kernel_info_timeout=300",
]
