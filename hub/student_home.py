"""A student's account and home for `./kit hub` (called by hub/jupyterhub_config.py before each server start, as
root): the account is made if missing (never a system account), the home is 0700, and ~/notebooks gets the student
notebooks by one rule: a notebook is copied in when the student has no file of that name, and never overwritten; a
newer template of a notebook the student has goes to ~/notebooks/new/ (see deliver_notebooks)."""
import hashlib
import json
import os
import pwd
import shutil
import subprocess

MANIFEST = ".kit-delivered.json"     # in a student's notebooks/: {notebook: SHA-256 of the template last delivered}
FIRST_STUDENT_UID = 1000


def ensure_account(name, log):
    """The student's account (made if missing), refused if it is a system account; its home made 0700."""
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        log.info("kit: creating the Unix account %s", name)
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
        entry = pwd.getpwnam(name)
    if entry.pw_uid < FIRST_STUDENT_UID:
        raise RuntimeError("kit: %s is a system account (uid %d); students need their own accounts"
                           % (name, entry.pw_uid))
    os.makedirs(entry.pw_dir, exist_ok=True)
    os.chown(entry.pw_dir, entry.pw_uid, entry.pw_gid)
    os.chmod(entry.pw_dir, 0o700)
    return entry


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def deliver_notebooks(entry, templates, samples, log):
    """The student's ~/notebooks: each template notebook is copied in when the student has no file of that name
    (the first login, or after the teacher moved a copy away to reset it); a copy is never overwritten: when the
    template changed since the student's copy was made, the new version goes to ~/notebooks/new/."""
    home, uid, gid = entry.pw_dir, entry.pw_uid, entry.pw_gid
    mine = os.path.join(home, "notebooks")
    manifest_path = os.path.join(mine, MANIFEST)

    def owned_dir(path):
        os.makedirs(path, exist_ok=True)
        os.chown(path, uid, gid)

    def owned_copy(src, dst):
        shutil.copyfile(src, dst)
        os.chown(dst, uid, gid)
        os.chmod(dst, 0o600)

    def owned_link(target, link):
        if not os.path.lexists(link):
            os.symlink(target, link)
            os.lchown(link, uid, gid)

    owned_dir(mine)
    try:
        with open(manifest_path) as f:
            delivered = json.load(f)
    except (OSError, ValueError):
        delivered = {}
    fresh = []
    for name in sorted(os.listdir(templates)):
        if not name.endswith(".ipynb"):
            continue
        template, copy = os.path.join(templates, name), os.path.join(mine, name)
        digest = file_digest(template)
        if not os.path.lexists(copy):
            owned_copy(template, copy)
            fresh.append(copy)
            delivered[name] = digest
            log.info("kit: %s gets %s", entry.pw_name, name)
        elif delivered.get(name) != digest:
            owned_dir(os.path.join(mine, "new"))
            owned_copy(template, os.path.join(mine, "new", name))
            fresh.append(os.path.join(mine, "new", name))
            delivered[name] = digest
            log.info("kit: %s gets a new version of %s in notebooks/new/", entry.pw_name, name)
    with open(manifest_path + ".tmp", "w") as out:
        json.dump(delivered, out, indent=1, sort_keys=True)
    os.chown(manifest_path + ".tmp", uid, gid)
    os.replace(manifest_path + ".tmp", manifest_path)
    # The notebooks read ../sample-images (from notebooks/ and from notebooks/new/).
    owned_link(samples, os.path.join(home, "sample-images"))
    owned_link(samples, os.path.join(mine, "sample-images"))
    trust(entry, fresh, log)


def trust(entry, notebooks, log):
    """The delivered notebooks signed as trusted in the student's own signature database (as `jupyter trust` run by
    the student), so that Notebook shows their stored HTML outputs with styles (the coloured hex dumps)."""
    if not notebooks:
        return
    env = {"HOME": entry.pw_dir, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    try:
        done = subprocess.run(["/usr/sbin/runuser", "-u", entry.pw_name, "--", "/usr/bin/python3", "-m", "nbformat.sign"]
                              + notebooks, cwd=entry.pw_dir, env=env, timeout=120, capture_output=True)
        if done.returncode != 0:
            log.warning("kit: could not sign %s's notebooks: %s", entry.pw_name, done.stderr.decode()[-300:])
    except (OSError, subprocess.SubprocessError) as e:
        log.warning("kit: could not sign %s's notebooks: %s", entry.pw_name, e)


def link_into_class(entry, class_dir):
    """CLASS/NAME -> the student's ~/notebooks: the folder `./kit grade --class CLASS` grades (the student's id is the
    link's name)."""
    os.makedirs(class_dir, mode=0o700, exist_ok=True)
    link = os.path.join(class_dir, entry.pw_name)
    target = os.path.join(entry.pw_dir, "notebooks")
    if os.path.islink(link) and os.readlink(link) == target:
        return
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(target, link)
