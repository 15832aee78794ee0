"""A small WSGI app: answers / with a page whose title and text its host's settings give.

The report's third variant ran Flask with its text from an environment variable that confd
rendered per container; here gunicorn runs this file and Ansible writes the settings per host
(PYTHON_APP_SETTINGS names the file). Each worker reads them when it starts, so a reload of
gunicorn (SIGHUP: new workers, the old ones finish their requests) serves new text.
"""

import html
import json
import os

SETTINGS_PATH = os.environ.get("PYTHON_APP_SETTINGS", "/etc/python-app/settings.json")
with open(SETTINGS_PATH, encoding="utf-8") as settings_file:
    SETTINGS = json.load(settings_file)

# Text content only, so quotes need no escaping (and the role's check compares & < > alone).
TITLE = html.escape(SETTINGS["title"], quote=False)
TEXT = html.escape(SETTINGS["text"], quote=False)
PAGE = (
    "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>" + TITLE + "</title></head>\n"
    "<body>\n<h1>" + TITLE + "</h1>\n<p>" + TEXT + "</p>\n</body>\n</html>\n"
).encode("utf-8")


def application(environ, start_response):
    """The page on / (GET and HEAD), 404 elsewhere, 405 for other methods."""
    if environ.get("PATH_INFO", "/") != "/":
        return answer(start_response, "404 Not Found", b"Not found\n", "text/plain")
    if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
        return answer(start_response, "405 Method Not Allowed", b"Method not allowed\n", "text/plain",
                      [("Allow", "GET, HEAD")])
    body = PAGE if environ["REQUEST_METHOD"] == "GET" else b""
    return answer(start_response, "200 OK", body, "text/html; charset=utf-8", length=len(PAGE))


def answer(start_response, status, body, content_type, extra=(), length=None):
    start_response(status, [("Content-Type", content_type),
                            ("Content-Length", str(len(body) if length is None else length)), *extra])
    return [body]
