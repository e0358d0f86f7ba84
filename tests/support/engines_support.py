"""The three browser engines the tools must work in, behind one small set of operations.

- Chromium: Debian's `chromium`, through Playwright (as the rest of the suite);
- Firefox: Debian's `firefox-esr --headless --marionette`, through Mozilla's marionette-driver
  (geckodriver is not packaged);
- WebKit (Safari's engine): WebKitGTK's MiniBrowser under Xvfb, through Selenium's WebKitGTK
  driver and Debian's `WebKitWebDriver`.

Each engine is one browser for the whole test session (session fixtures in tools_engines.py).
A test gets a `Browser` and opens tabs in it; tabs of one browser share one profile, so one
localStorage per origin, as two tabs of a reader's browser do. Every operation is the same in
all three:

    tab = browser.tab(url)                  tab.run("return document.title")
    tab.type(css, text)  tab.click(css)     tab.reload()    tab.wait("return ...")
    tab.enter(css)
    tab.answer_confirms(True)  tab.asked()  tab.choose_file(css, name, text)

Scripts are function bodies: `arguments[0]`... are the arguments, `return` gives the result.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import closing
from pathlib import Path

from chromium import CHROMIUM, NO_WORKER

ENGINES = ("chromium", "firefox", "webkit")
FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
WEBKIT_DRIVER = shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
XVFB = shutil.which("Xvfb") or "/usr/bin/Xvfb"

# Firefox, as shipped, reaches for Mozilla's services; on a closed network it need not.
FIREFOX_PREFS = {
    "browser.shell.checkDefaultBrowser": False, "browser.startup.homepage_override.mstone": "ignore",
    "app.update.enabled": False, "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False, "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False, "extensions.update.enabled": False,
    "network.captive-portal-service.enabled": False, "network.connectivity-service.enabled": False,
    "browser.newtabpage.enabled": False, "browser.startup.page": 0,
    "dom.disable_open_during_load": False, "browser.tabs.warnOnClose": False,
    "browser.download.folderList": 2, "browser.download.useDownloadDir": True,
}


def missing(engine: str) -> str | None:
    """Why an engine cannot run here (with what would install it), or None."""
    need = {"chromium": [("chromium-headless-shell", CHROMIUM)],
            "firefox": [("firefox-esr", FIREFOX)],
            "webkit": [("webkit2gtk-driver", WEBKIT_DRIVER), ("webkit2gtk-driver", MINIBROWSER), ("xvfb", XVFB)]}
    for package, path in need[engine]:
        if not Path(path).exists():
            return f"{engine}: {path} is missing (apt-get install {package})"
    return None


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def poll(condition, timeout: float = 5.0, every: float = 0.02, what: str = "condition"):
    """condition() until it is truthy (returned), or fail after `timeout` seconds."""
    end = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)


class Tab:
    """One tab (or window) of a browser. Operations name elements by CSS selector."""

    def __init__(self, browser: Browser, handle):
        self.browser, self.handle = browser, handle

    def run(self, body: str, *args):
        return self.browser._run(self.handle, body, list(args))

    def open(self, url: str):
        self.browser._open(self.handle, url)
        return self

    def reload(self):
        self.browser._reload(self.handle)
        return self

    def type(self, selector: str, text: str):
        """Types as keystrokes at the end of the element's text (focusing it first)."""
        self.browser._type(self.handle, selector, text)

    def click(self, selector: str):
        self.browser._click(self.handle, selector)

    def enter(self, selector: str):
        """Presses Enter in the element (focusing it first)."""
        self.browser._enter(self.handle, selector)

    def wait(self, body: str, *args, timeout: float = 15.0):
        """Polls a script until it returns something truthy; returns that."""
        return poll(lambda: self.run(body, *args), timeout, what=body)

    def answer_confirms(self, answer: bool):
        """From now on in this page, window.confirm() returns `answer` and the question is noted."""
        self.run("window.hbAsked = []; window.confirm = function (q) { window.hbAsked.push(q); return arguments[1]; }"
                 .replace("arguments[1]", "true" if answer else "false"))

    def asked(self) -> list[str]:
        return self.run("return window.hbAsked || []")

    def choose_file(self, selector: str, name: str, text: str):
        """Gives a file input a file, as choosing it in the file dialog does (a `change` event)."""
        self.run("""var input = document.querySelector(arguments[0]);
                    var files = new DataTransfer();
                    files.items.add(new File([arguments[2]], arguments[1], {type: "application/json"}));
                    input.files = files.files;
                    input.dispatchEvent(new Event("change", {bubbles: true}));""", selector, name, text)

    def value(self, selector: str) -> str:
        return self.run("var el = document.querySelector(arguments[0]); return el ? el.value : null", selector)

    def text(self, selector: str) -> str:
        return self.run("var el = document.querySelector(arguments[0]); return el ? el.textContent : ''", selector)


class Browser:
    """One engine's browser for the session. `tab()` opens a tab; `reset()` closes all but one."""

    name = ""

    def tab(self, url: str | None = None) -> Tab:
        tab = Tab(self, self._new_tab())
        return tab.open(url) if url else tab

    def close(self):
        pass


# --- Chromium through Playwright --------------------------------------------------------

class Chromium(Browser):
    name = "chromium"

    def __init__(self, playwright_browser):
        self.browser = playwright_browser
        self.context = None

    def reset(self, keeps: bool = False):
        if self.context:
            self.context.close()
        self.context = self.browser.new_context(viewport={"width": 1280, "height": 900}, **({} if keeps else NO_WORKER))

    def _new_tab(self):
        page = self.context.new_page()
        page.set_default_timeout(5000)
        return page

    def _run(self, page, body, args):
        return page.evaluate("(args) => (function () { " + body + " }).apply(null, args)", args)

    def _open(self, page, url):
        page.goto(url)

    def _reload(self, page):
        page.reload()

    def _type(self, page, selector, text):
        page.locator(selector).click()
        page.keyboard.press("End")
        page.keyboard.type(text)

    def _click(self, page, selector):
        page.locator(selector).click()

    def _enter(self, page, selector):
        page.locator(selector).press("Enter")


# --- WebKit (and the WebDriver protocol generally) through Selenium ----------------------

class WebDriverBrowser(Browser):
    """A browser driven over a WebDriver-like protocol: tabs are window handles, and every
    operation first makes its tab the current one."""

    def __init__(self, driver):
        self.driver = driver
        self.first = self._handles()[0]
        self.current = self.first

    def _switch(self, handle):
        if handle != self.current:
            self._switch_to(handle)
            self.current = handle

    def reset(self, keeps: bool = False):
        for handle in self._handles():
            if handle != self.first:
                self._switch(handle)
                self._close_window()
        self._switch_to(self.first)
        self.current = self.first
        self._used_first = False

    def _new_tab(self):
        # The first tab of each test is the window the session started with.
        if not getattr(self, "_used_first", False):
            self._used_first = True
            return self.first
        handle = self._open_tab()
        self.current = None
        self._switch(handle)
        return handle

    def _open(self, handle, url):
        self._switch(handle)
        self._navigate(url)

    def _type(self, handle, selector, text):
        self._switch(handle)
        self._focus_end(handle, selector)
        self._element(selector).send_keys(text)

    def _focus_end(self, handle, selector):
        # send_keys types where the caret is; put it at the end, as a reader clicking in would.
        self._run(handle, """var el = document.querySelector(arguments[0]); el.focus();
                             if (el.setSelectionRange) el.setSelectionRange(el.value.length, el.value.length);""",
                  [selector])

    def _click(self, handle, selector):
        self._switch(handle)
        self._element(selector).click()

    def _enter(self, handle, selector):
        self._type(handle, selector, "\ue007")  # the WebDriver key code of Enter


class WebKit(WebDriverBrowser):
    name = "webkit"

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        self.xvfb, display = start_xvfb()
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        # The driver is started here, on 127.0.0.1, rather than by Selenium's Service, which finds
        # it at "localhost": a minimal system may have no /etc/hosts to say where that is.
        port = free_port()
        self.service = subprocess.Popen([WEBKIT_DRIVER, f"--port={port}", "--host=127.0.0.1"],
                                        env={**os.environ, "DISPLAY": display},
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            poll(lambda: _listening(port), timeout=30, every=0.05, what="WebKitWebDriver's port")
            driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=options)
        except Exception:
            self.service.kill()
            self.xvfb.kill()
            raise
        driver.set_script_timeout(10)
        super().__init__(driver)

    def _handles(self):
        return self.driver.window_handles

    def _switch_to(self, handle):
        self.driver.switch_to.window(handle)

    def _close_window(self):
        self.driver.close()

    def _open_tab(self):
        return self.driver.switch_to.new_window("tab") or self.driver.current_window_handle

    def _navigate(self, url):
        self.driver.get(url)

    def _reload(self, handle):
        self._switch(handle)
        self.driver.refresh()

    def _run(self, handle, body, args):
        self._switch(handle)
        return self.driver.execute_script(body, *args)

    def _element(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def close(self):
        try:
            self.driver.quit()
        finally:
            self.service.terminate()
            self.service.wait()
            self.xvfb.kill()
            self.xvfb.wait()


def start_xvfb():
    """A virtual X display for MiniBrowser (WebKitGTK has no headless mode of its own)."""
    read, write = os.pipe()
    xvfb = subprocess.Popen([XVFB, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        raise RuntimeError("Xvfb did not start")
    return xvfb, ":" + number


# --- Firefox through Marionette -------------------------------------------------------------

class Firefox(WebDriverBrowser):
    name = "firefox"

    def __init__(self):
        from marionette_driver.marionette import Marionette
        self.profile = Path(tempfile.mkdtemp(prefix="hb-firefox-"))
        port = free_port()
        prefs = {**FIREFOX_PREFS, "marionette.port": port, "browser.download.dir": str(self.profile / "downloads")}
        (self.profile / "user.js").write_text("".join(f"user_pref({_js(k)}, {_js(v)});\n" for k, v in prefs.items()))
        self.process = subprocess.Popen([FIREFOX, "--headless", "--marionette", "--no-remote", "--profile",
                                         str(self.profile)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env={**os.environ, "MOZ_CRASHREPORTER_DISABLE": "1"})
        try:
            poll(lambda: _listening(port), timeout=30, every=0.1, what="Firefox's Marionette port")
            self.client = Marionette(host="127.0.0.1", port=port)
            self.client.start_session()
            self.client.timeout.script = 10
        except Exception:
            self.process.kill()
            raise
        super().__init__(self.client)

    def _handles(self):
        return self.client.window_handles

    def _switch_to(self, handle):
        self.client.switch_to_window(handle)

    def _close_window(self):
        self.client.close()

    def _open_tab(self):
        return self.client.open(type="tab", focus=True)["handle"]

    def _navigate(self, url):
        self.client.navigate(url)

    def _reload(self, handle):
        self._switch(handle)
        self.client.refresh()

    def _run(self, handle, body, args):
        self._switch(handle)
        # sandbox=None: in the page's own scope, so that what a script sets (a stubbed
        # window.confirm) is what the page's scripts see, not a sandbox's copy.
        return self.client.execute_script(body, script_args=args, sandbox=None, new_sandbox=False)

    def _element(self, selector):
        return self.client.find_element("css selector", selector)

    def close(self):
        try:
            self.client.delete_session()
        except Exception:
            pass
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def _js(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _listening(port: int) -> bool:
    with closing(socket.socket()) as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0
