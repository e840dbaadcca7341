"""The drill's visitor: one keep-alive HTTP(S) connection, cookies, and the page's real forms.

Standard library only (the drill runs with the project's own Python). A Visitor keeps its
cookies as a browser would (only name=value; a cookie set empty or with Max-Age=0 is removed),
reads the forms on a page with html.parser and sends them back as a browser would: every field
the form has, as the page filled it, with the visitor's changes on top. So a form the site
changes (a new hidden field, a formset's management form) is still sent whole.
"""

import http.client
import ssl
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names; the last value of a repeated header
    body: str
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class Form:
    action: str
    method: str
    # (name, value, kind, checked): kind is the input type, "textarea" or "select".
    controls: list[tuple[str, str, str, bool]] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)  # a select's option values

    def names(self) -> set[str]:
        return {name for name, *_ in self.controls}

    def data(self, changes: dict[str, str] | None = None) -> list[tuple[str, str]]:
        """What a browser sends: checked boxes, filled fields, no buttons; changes applied."""
        changes = dict(changes or {})
        sent = []
        for name, value, kind, checked in self.controls:
            if kind in ("submit", "button", "image", "reset"):
                if name in changes:  # the button pressed
                    sent.append((name, changes.pop(name)))
                continue
            if kind in ("checkbox", "radio"):
                if name in changes:
                    if changes[name] == value and (name, value) not in sent:
                        sent.append((name, value))
                    continue
                if checked:
                    sent.append((name, value))
                continue
            sent.append((name, changes.pop(name) if name in changes else value))
        sent.extend(
            (name, value)
            for name, value in changes.items()
            if name not in self.names()  # a submit button's name, say
        )
        return sent


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._textarea: list | None = None
        self._select: list | None = None  # [name, chosen value, first value]

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        elif not self.forms or "disabled" in a:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            default = "on" if kind in ("checkbox", "radio") else ""
            self.forms[-1].controls.append(
                (a["name"], a.get("value", default), kind, "checked" in a)
            )
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self.forms[-1].options.setdefault(self._select[0], []).append(value)
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in a:
                self._select[1] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # A browser drops the one newline that may follow <textarea>.
            self.forms[-1].controls.append((name, text.removeprefix("\n"), "textarea", False))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, chosen, first = self._select
            value = chosen if chosen is not None else first
            if value is not None:
                self.forms[-1].controls.append((name, value, "select", False))
            self._select = None


def forms_in(html: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def random_choices(form: Form, rng) -> dict[str, str | list[str]]:
    """A visitor's answers to a GET form: one option of each select and radio group, and up to
    three of each group of checkboxes (typed fields stay as the page has them)."""
    groups: dict[str, list[str]] = {}
    for name, value, kind, _ in form.controls:
        if kind in ("radio", "checkbox"):
            groups.setdefault(f"{kind}:{name}", []).append(value)
    answers: dict[str, str | list[str]] = {
        name: rng.choice(values) for name, values in form.options.items() if values
    }
    for key, values in groups.items():
        kind, name = key.split(":", 1)
        if kind == "radio":
            answers[name] = rng.choice(values)
        else:
            answers[name] = rng.sample(values, k=min(len(values), rng.randint(0, 3)))
    return answers


def query_string(form: Form, answers: dict[str, str | list[str]]) -> str:
    """The query a GET form sends with these answers (lists: one pair per chosen value)."""
    pairs = []
    for name, value in answers.items():
        pairs.extend((name, item) for item in (value if isinstance(value, list) else [value]))
    typed = [
        (name, value)
        for name, value, kind, _ in form.controls
        if kind not in ("radio", "checkbox", "select", "submit", "button") and name not in answers
    ]
    return urllib.parse.urlencode(typed + pairs)


def form_posting_to(html: str, action_part: str) -> Form:
    for form in forms_in(html):
        if action_part in form.action:
            return form
    raise LookupError(f"no form whose action contains {action_part!r}")


class Visitor:
    """One browser: a keep-alive connection to one origin, its cookies, its Referer."""

    def __init__(
        self,
        base_url: str,
        *,
        context: ssl.SSLContext | None = None,
        timeout: float = 30,
        headers: dict[str, str] | None = None,
        origin_scheme: str | None = None,
    ):
        """origin_scheme: the scheme the browser saw (https behind a TLS proxy), for Origin and
        Referer; by default base_url's."""
        parts = urllib.parse.urlsplit(base_url)
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.origin = f"{origin_scheme or parts.scheme}://{parts.netloc}"
        self.context, self.timeout = context, timeout
        self.extra_headers = headers or {}
        self.cookies: dict[str, str] = {}
        self.connection = None

    def _connect(self):
        if self.scheme == "https":
            return http.client.HTTPSConnection(
                self.host, self.port, timeout=self.timeout, context=self.context
            )
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def request(
        self,
        method: str,
        path: str,
        data: list[tuple[str, str]] | None = None,
        *,
        referer: str | None = None,
        gzip: bool = False,
    ) -> Answer:
        headers = {"Host": f"{self.host}:{self.port}", **self.extra_headers}
        if gzip:
            headers["Accept-Encoding"] = "gzip"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
        if referer:
            headers["Referer"] = self.origin + referer
        started = time.monotonic()
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = self._connect()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                raw = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A kept-alive connection the server closed while idle: open a new one once,
                # as browsers do. A second failure is the server's and is raised.
                self.close()
                if attempt == 2 or time.monotonic() - started > 1:
                    raise
        seconds = time.monotonic() - started
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                self._remember(value)
        text = raw.decode("utf-8", "replace") if not gzip else ""
        names = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, names, text, seconds)

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data, **kwargs) -> Answer:
        return self.request("POST", path, data, **kwargs)

    def submit(self, page_path: str, form: Form, changes: dict[str, str] | None = None) -> Answer:
        """Send a form found on page_path, as a browser would (GET forms as a query string)."""
        action = urllib.parse.urljoin(page_path, form.action or page_path)
        if form.method == "get":
            query = urllib.parse.urlencode(form.data(changes))
            return self.get(f"{action.split('?')[0]}?{query}", referer=page_path)
        return self.post(action, form.data(changes), referer=page_path)

    def _remember(self, header: str) -> None:
        name_value, *attributes = header.split(";")
        name, _, value = name_value.strip().partition("=")
        expired = any(
            part.strip().lower().startswith("max-age=0") or "1970" in part for part in attributes
        )
        if expired or value in ("", '""'):
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value
