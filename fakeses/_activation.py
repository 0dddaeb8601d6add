"""``fakeses``: one lowercase object that is decorator, class decorator and context manager.

``fakeses`` is an instance of :class:`Fakeses`. Called with a function or class it
decorates it (``@fakeses``); called with options, or with nothing, it returns an
:class:`Activation`, which is a context manager and a decorator too
(``@fakeses(sandbox=True)``, ``with fakeses() as fake``). Both forms mean the same.
"""
from __future__ import annotations

import functools
import inspect
import os
import sys
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union, overload

from . import _hook
from ._handle import FakeSES
from ._options import DEFAULT_ACCOUNT_ID, check_options, check_outcomes
from .domain.state import Options

if TYPE_CHECKING:
    from .domain.events import Publication
    from .domain.state import Backend

T = TypeVar("T")
# Set while a fake is active, only where the environment has no value of its own, so
# clients can be created on a machine with no AWS configuration (and botocore never
# goes looking for credentials on the network).
_FAKE_ENV = {"AWS_ACCESS_KEY_ID": "FAKESESACCESSKEY", "AWS_SECRET_ACCESS_KEY": "fakeses-secret"}
_env_lock = threading.Lock()
_env_depth = 0
_env_set: list[str] = []
_handles: list[FakeSES] = []


class Activation:
    """A configured fake: ``with`` it, or decorate a function, method or class with it.

    Each activation starts from an empty account; entering returns the handle
    (:class:`~fakeses.FakeSES`).
    """

    def __init__(
        self, *, region: Optional[str] = None, account_id: str = DEFAULT_ACCOUNT_ID,
        sandbox: bool = False, auto_verify: bool = True, raise_on_rendering_failure: bool = False,
        outcomes: Union[str, Mapping[str, str]] = "deliver",
    ) -> None:
        check_options({"region": region, "account_id": account_id, "sandbox": sandbox, "auto_verify": auto_verify,
                       "raise_on_rendering_failure": raise_on_rendering_failure, "outcomes": outcomes}, "fakeses()")
        self._outcomes = check_outcomes(outcomes, "fakeses()")  # a copy: later changes to a dict do not count
        self._region = region
        self._account_id = account_id
        self._sandbox = sandbox
        self._auto_verify = auto_verify
        self._raise_on_rendering_failure = raise_on_rendering_failure
        self._active: list[FakeSES] = []

    # -- context manager --------------------------------------------------------------
    def start(self) -> FakeSES:
        """Activate a fresh fake and return its handle (``stop()`` ends it)."""
        # botocore's order for a client without region_name: the variable, then the profile.
        from_profile = None if "AWS_DEFAULT_REGION" in os.environ else profile_region()
        region = self._region or os.environ.get("AWS_DEFAULT_REGION") or from_profile or "us-east-1"
        handle = FakeSES(Options(region=region, account_id=self._account_id,
                                 sandbox=self._sandbox, auto_verify=self._auto_verify,
                                 raise_on_rendering_failure=self._raise_on_rendering_failure,
                                 outcomes=self._outcomes))
        handle._world.publisher = _publish
        handle._world.destination_exists = _destination_exists
        handle._world.storage = _Storage()
        _enter_env(region, from_profile is not None)
        _hook.push(handle._world)
        self._active.append(handle)
        _handles.append(handle)
        return handle

    def stop(self) -> None:
        """Deactivate the fake this object started last."""
        if not self._active:
            raise RuntimeError("fakeses: stop() called without a matching start()")
        handle = self._active.pop()
        if handle in _handles:
            _handles.remove(handle)
        _hook.pop(handle._world)
        _exit_env()

    def __enter__(self) -> FakeSES:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- decorator --------------------------------------------------------------------
    def __call__(self, target: T) -> T:
        """Decorate a function (sync or async), a test class or a ``unittest.TestCase``."""
        if inspect.isclass(target):
            return self._decorate_class(target)  # type: ignore[return-value]
        if not callable(target):
            raise TypeError(f"fakeses decorates functions and classes, not {type(target).__name__}")
        func: Any = target
        if inspect.iscoroutinefunction(func):
            @functools.wraps(func)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                with self:
                    return await func(*args, **kwargs)
            return async_wrapper  # type: ignore[return-value]

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)
        return wrapper  # type: ignore[return-value]

    def _decorate_class(self, cls: type) -> type:
        import unittest

        if issubclass(cls, unittest.TestCase):
            # Each test gets its own fake, active from setUp to the last cleanup.
            original_setup = cls.setUp
            activation = self

            @functools.wraps(original_setup)
            def setUp(test: Any) -> None:
                activation.start()
                test.addCleanup(activation.stop)
                original_setup(test)

            cls.setUp = setUp  # type: ignore[method-assign, assignment]
            return cls
        for name, attr in list(vars(cls).items()):
            if name.startswith("test") and callable(attr):
                setattr(cls, name, self(attr))
        return cls


# fakeses/_publish.py (and the event documents it sends) is loaded when something is first
# published, or a destination first checked, not by `import fakeses`.
def _publish(backend: Backend, publication: Publication) -> None:
    from . import _publish as publishing

    publishing.publish(backend, publication)


def _destination_exists(backend: Backend, kind: str, arn: str) -> bool:
    from . import _publish as publishing

    return publishing.destination_exists(backend, kind, arn)


class _Storage:
    """Import and export files in moto's S3 when moto is active (fakeses/_s3.py, loaded on first use)."""

    def active(self) -> bool:
        # moto is active only if it was imported: never import it (slow) just to ask.
        if "moto.core.models" not in sys.modules:
            return False
        from ._publish import moto_active

        return moto_active()

    def get(self, backend: Backend, bucket: str, key: str) -> bytes:
        from ._s3 import MotoStorage

        return MotoStorage().get(backend, bucket, key)

    def put(self, backend: Backend, bucket: str, key: str, data: bytes) -> None:
        from ._s3 import MotoStorage

        MotoStorage().put(backend, bucket, key, data)


class Fakeses:
    """The type of ``fakeses``: see :class:`Activation` and the package docs.

    Fake Amazon SES (v1 ``ses`` and v2 ``sesv2``) for every botocore client, whenever
    it was created::

        @fakeses
        def test_signup():
            ses = boto3.client("sesv2", region_name="us-east-1")
            ...

        with fakeses(sandbox=True) as fake:
            ...
            assert fake.sent_messages[-1].to == ["ann@example.org"]

    Options:
        region: the default region of the handle (default ``AWS_DEFAULT_REGION``, else the
            region of the selected AWS profile, else us-east-1).
        account_id: the account requests are served as (default ``123456789012``); a
            client whose access key id is 12 digits is served as that account instead.
        sandbox: start the account in the SES sandbox (recipients must be verified,
            200 messages a day).
        auto_verify: identities are verified as soon as they are created (default);
            with False they stay pending until ``handle.verify_identity()``.
        raise_on_rendering_failure: a templated message whose template cannot be
            rendered raises :class:`~fakeses.RenderingFailure` out of the send call.
            By default it is recorded as SES records it: accepted with a MessageId,
            not delivered, and a Rendering Failure event on ``handle.events``.
        outcomes: what happens to each recipient SES accepted that nothing else decides
            (not a mailbox simulator address). "deliver" (default): SES delivers it, a
            Delivery event, as SES does. "hold": nothing yet; the test gives the outcome
            later with ``handle.deliver()``, ``bounce()``, ``complain()``, ``delay()``.
            "bounce", "complain" (delivered, then a complaint), "delay": that, at send.
            Or a dict of address patterns (fnmatch globs, any case) to those, the first
            match deciding and unmatched recipients delivered:
            ``outcomes={"*@bounces.example.org": "bounce", "slow-*": "delay"}``.

    A wrong option raises when it is written: TypeError for an unknown name (naming it
    and listing the options) or a value of the wrong type, ValueError for a bad value.
    ``@pytest.mark.fakeses`` checks its options with the same function.

    While one is active, no SES request leaves the process; other services are untouched.
    """

    @overload
    def __call__(self, target: T) -> T: ...

    @overload
    def __call__(
        self, *, region: Optional[str] = None, account_id: str = DEFAULT_ACCOUNT_ID,
        sandbox: bool = False, auto_verify: bool = True, raise_on_rendering_failure: bool = False,
        outcomes: Union[str, Mapping[str, str]] = "deliver",
    ) -> Activation: ...

    def __call__(self, target: Any = None, **options: Any) -> Any:
        # Options arrive as **options, not as keywords of this signature, so a misspelt
        # one is named with the list of options (check_options) rather than by Python.
        activation = Activation(**check_options(options, "fakeses()"))
        if target is None:
            return activation
        if not (callable(target) or inspect.isclass(target)):
            raise TypeError("fakeses options are keyword arguments: use @fakeses(sandbox=True)")
        return activation(target)

    def current(self) -> FakeSES:
        """The handle of the innermost active fake (for decorated tests)."""
        if _handles:
            return _handles[-1]
        raise RuntimeError("no fakeses is active: decorate the test with @fakeses or use `with fakeses():`")

    def __repr__(self) -> str:
        return "fakeses"


fakeses = Fakeses()


def _enter_env(region: str, profile_has_region: bool) -> None:
    global _env_depth
    with _env_lock:
        if _env_depth == 0:
            wanted = dict(_FAKE_ENV, AWS_DEFAULT_REGION=region)
            if "AWS_PROFILE" in os.environ or "AWS_DEFAULT_PROFILE" in os.environ:
                # Keys in the environment would win over the profile the user chose.
                del wanted["AWS_ACCESS_KEY_ID"], wanted["AWS_SECRET_ACCESS_KEY"]
            if profile_has_region:
                # AWS_DEFAULT_REGION wins over the profile's region in botocore: clients
                # created without region_name keep the region their profile sets.
                del wanted["AWS_DEFAULT_REGION"]
            for key, value in wanted.items():
                if key not in os.environ:
                    os.environ[key] = value
                    _env_set.append(key)
        _env_depth += 1


def _exit_env() -> None:
    global _env_depth
    with _env_lock:
        _env_depth -= 1
        if _env_depth == 0:
            while _env_set:
                os.environ.pop(_env_set.pop(), None)


_PROFILE_REGION_VARIABLES = ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_DEFAULT_PROFILE", "AWS_PROFILE")
_profile_regions: dict[tuple[object, ...], Optional[str]] = {}


def profile_region() -> Optional[str]:
    """The region the selected profile sets in the AWS config files, or None.

    The profile is the one botocore selects (``AWS_DEFAULT_PROFILE``, ``AWS_PROFILE``,
    else ``default``), and botocore itself reads its region, so the answer is the region
    a client created without ``region_name`` gets when ``AWS_DEFAULT_REGION`` is unset.
    Cached by the variables and the files' stat: activations stay cheap.
    """
    names = [os.environ.get(name) for name in _PROFILE_REGION_VARIABLES]
    files = [os.path.expanduser(names[0] or "~/.aws/config"),
             os.path.expanduser(names[1] or "~/.aws/credentials")]
    key = (*names, *(_stamp(path) for path in files))
    if key not in _profile_regions:
        if len(_profile_regions) >= 64:  # a suite that writes a config file per test
            _profile_regions.clear()
        _profile_regions[key] = _read_profile_region()
    return _profile_regions[key]


def _stamp(path: str) -> object:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def _read_profile_region() -> Optional[str]:
    import botocore.session

    try:
        # What botocore's region chain reads after AWS_DEFAULT_REGION: the profile's own.
        region = botocore.session.Session().get_scoped_config().get("region")
    except Exception:  # an unknown profile or an unreadable file: botocore says so when a client is made
        return None
    return region if isinstance(region, str) and region else None
