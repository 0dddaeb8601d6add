"""Where the state of one fake lives: a world of (account, region) backends."""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

from . import clock
from .account import Account
from .events import Event, Publication, made, routed
from .identities import Identities, key_of

if TYPE_CHECKING:
    from .authorization import AuthorizationDecision
    from .authorization.policies import IdentityPolicies
    from .contacts import ContactLists
    from .custom_verification import CustomVerification
    from .dedicated_ips import DedicatedIps
    from .jobs import Jobs, Storage
    from .messages import SentMessage
    from .multi_region import MultiRegionEndpoints
    from .receiving import Receiving
    from .templates import Templates
    from .tenants import Tenants
    from .vdm import Recommendations


@dataclasses.dataclass(frozen=True)
class Options:
    """The options a fake was started with (see ``fakeses``)."""

    region: str = "us-east-1"
    account_id: str = "123456789012"
    sandbox: bool = False
    auto_verify: bool = True
    #: Raise :class:`~fakeses.RenderingFailure` out of the send call when a template
    #: cannot be rendered, instead of recording a Rendering Failure event as SES does.
    raise_on_rendering_failure: bool = False
    #: What happens to ordinary recipients at send (fakeses.domain.outcomes.settle):
    #: "deliver" (SES's own behaviour), "hold", ..., or (address pattern, outcome) pairs.
    outcomes: Union[str, tuple[tuple[str, str], ...]] = "deliver"


class Backend:
    """One SES account in one region: what v1 and v2 both read and change."""

    def __init__(self, world: World, account_id: str, region: str) -> None:
        self.world = world
        self.account_id = account_id
        self.region = region
        self.lock = threading.RLock()
        self.identities: Identities = Identities(auto_verify=world.options.auto_verify)
        self.account: Account = Account(sandbox=world.options.sandbox)
        from .suppression import SuppressionList

        self.suppression = SuppressionList()  # the account-level suppression list (v2 *SuppressedDestination*)
        # Filled by the configuration-set operations; sends naming a set check it here.
        # Imported here, not at the top: `import fakeses` stays cheap (as for templates).
        from .configuration_sets import ConfigurationSets

        self.configuration_sets: ConfigurationSets = ConfigurationSets(
            domain_verified=self.identities.covers, pool_exists=lambda pool: self.dedicated_ips.exists(pool))

    # The stores of the other capabilities are made on first use (each one's module is
    # imported then): a test that never touches receiving or tenants does not pay for them.
    # Reads and writes happen under ``lock``.

    @functools.cached_property
    def templates(self) -> Templates:
        """v1 *Template and v2 *EmailTemplate, one store. (fakeses/domain/templates; the
        template engine loads with it)"""
        from .templates import Templates

        return Templates()

    @functools.cached_property
    def custom_verification(self) -> CustomVerification:
        """v1 and v2 *CustomVerificationEmailTemplate(s), one store. (fakeses/domain/custom_verification)"""
        from .custom_verification import CustomVerification

        return CustomVerification()

    @functools.cached_property
    def contact_lists(self) -> ContactLists:
        """Contact lists, topics and contacts (list management). (fakeses/domain/contacts)"""
        from .contacts import ContactLists

        return ContactLists()

    @functools.cached_property
    def jobs(self) -> Jobs:
        """Import and export jobs. (fakeses/domain/jobs)"""
        from .jobs import Jobs

        return Jobs()

    @functools.cached_property
    def receiving(self) -> Receiving:
        """Receipt filters, rule sets and received mail. (fakeses/domain/receiving)"""
        from .receiving import Receiving

        return Receiving()

    @functools.cached_property
    def dedicated_ips(self) -> DedicatedIps:
        """Dedicated IPs and their pools. (fakeses/domain/dedicated_ips)"""
        from .dedicated_ips import DedicatedIps

        return DedicatedIps()

    @functools.cached_property
    def recommendations(self) -> Recommendations:
        """VDM Advisor recommendations (ListRecommendations). (fakeses/domain/vdm)"""
        from .vdm import Recommendations

        return Recommendations()

    @functools.cached_property
    def multi_region_endpoints(self) -> MultiRegionEndpoints:
        """Multi-region endpoints whose primary region is this one. (fakeses/domain/multi_region)"""
        from .multi_region import MultiRegionEndpoints

        return MultiRegionEndpoints()

    @functools.cached_property
    def tenants(self) -> Tenants:
        """Tenants, their associations and reputation settings. (fakeses/domain/tenants)"""
        from .tenants import Tenants

        return Tenants(self)

    @functools.cached_property
    def policies(self) -> IdentityPolicies:
        """The identities' sending authorization policies (fakeses/domain/authorization)."""
        from .authorization.policies import IdentityPolicies

        return IdentityPolicies(self.identities, lambda name: self.arn("identity", name))

    def publish(self, type: str, message: SentMessage,
                details: Union[dict[str, Any], Callable[[], dict[str, Any]], None] = None,
                at: Optional[_dt.datetime] = None) -> Event:
        """Record an event about ``message`` on the log, routed where SES would send it.

        ``details`` may be a function that makes them: they are then made when first read.
        """
        return self.publish_event(made(type, message, at or clock.utcnow(), details))

    def publish_event(self, event: Event) -> Event:
        """Record ``event`` (see :meth:`publish`) on the log, routed where SES would send it."""
        message = event.message
        if (message.configuration_set is not None or self.identities.notifying
                or (message.identity_owner is not None and message.identity_owner != self.account_id)):
            # Only sends that can be routed pay for routing.
            from .routing import publication, routes

            found = routes(self, event)
            if found:
                event = routed(event, found)
                self.world.log(event)
                for route in found:
                    self.world.emit(self, publication(event, route))
                return event
        self.world.log(event)
        return event

    def arn(self, kind: str, name: str) -> str:
        return f"arn:aws:ses:{self.region}:{self.account_id}:{kind}/{name}"

    def __repr__(self) -> str:
        return f"<Backend account={self.account_id} region={self.region}>"


class World:
    """Everything one active fake holds: its backends and the messages it accepted."""

    def __init__(self, options: Options) -> None:
        self.options = options
        # Every message accepted and every event logged, in order; appended under the lock
        # (read through ``sent`` and ``events``).
        self._sent: list[SentMessage] = []
        self._events: list[Event] = []
        # Messages accepted whose records are made when something first reads the record
        # (the entries of a bulk send: fakeses/domain/bulk.py), in order; see defer().
        self._pending: list[tuple[Any, ...]] = []
        self._makers: list[Callable[..., tuple[SentMessage, Sequence[Event]]]] = []
        #: ``defer((maker, *args))`` keeps a message accepted just now whose record and events
        #: the function numbered ``maker`` (see :meth:`maker`) makes from ``args`` when the
        #: record is first read: it takes its place in the record now, in order (one atomic
        #: append, no lock: a bulk send defers 50; a tuple of numbers, strings and tuples,
        #: which the garbage collector soon stops tracking).
        self.defer: Callable[[tuple[Any, ...]], None] = self._pending.append
        # The same, found by message id, so a test that looks up each of n messages
        # (events_of, deliver, ...) pays n lookups, not n scans of the log.
        self._messages_by_id: dict[str, SentMessage] = {}
        self._events_by_message: dict[str, list[Event]] = {}
        #: Everything SES published to other services (routed events, topic notices), in order.
        self.published: list[Publication] = []
        #: Every judgement of a delegate send, in order (fakeses/domain/authorization).
        self.decisions: list[AuthorizationDecision] = []
        #: Access key id -> the IAM principal (a user or role ARN) its calls come from
        #: (the handle's ``use_principal``); other keys are their account's root.
        self.principals: dict[str, str] = {}
        #: Called with each publication, to deliver it outside (moto): see fakeses/_publish.py.
        self.publisher: Optional[Callable[[Backend, Publication], None]] = None
        #: Asked whether an event destination's target exists (kind, ARN): False only when
        #: something outside (moto) knows it does not. See fakeses/_publish.py.
        self.destination_exists: Optional[Callable[[Backend, str, str], bool]] = None
        #: S3 objects by ``s3://bucket/key`` URL, when moto is not active: the files import jobs
        #: read and export jobs write (fakeses/domain/jobs.py; the handle's ``put_object``).
        self.objects: dict[str, bytes] = {}
        self.objects_lock = threading.Lock()
        #: moto's S3, used instead of ``objects`` while moto is active: see fakeses/_s3.py.
        self.storage: Optional[Storage] = None
        #: The public DNS as SES reads it (the handle's ``set_dns``): fakeses/domain/vdm.py.
        from .vdm import Dns

        self.dns = Dns()
        self._backends: dict[tuple[str, str], Backend] = {}
        #: Regions the test impaired (the handle's ``impair_region``): sends through a
        #: multi-region endpoint go out of its other region (fakeses/domain/multi_region.py).
        self.impaired_regions: set[str] = set()
        #: Identities the test verified in every region of an account (account id to
        #: names): applied to each backend of the account, also to those made later.
        self._verified_everywhere: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()
        #: Raised by :meth:`clear`: what a reader kept of the record before is gone.
        self.generation = 0

    def backend(self, account_id: str, region: str) -> Backend:
        key = (account_id, region)
        backend = self._backends.get(key)
        if backend is None:
            with self._lock:
                backend = self._backends.get(key)
                if backend is None:
                    backend = Backend(self, account_id, region)
                    for name in self._verified_everywhere.get(account_id, {}).values():
                        backend.identities.force_verify(name)
                    self._backends[key] = backend
        return backend

    def verify_everywhere(self, account_id: str, name: str) -> None:
        """Verify ``name`` in every region of the account: those with state now, and each
        one a request or the test reaches later (the handle's ``verify_identity``)."""
        with self._lock:
            self._verified_everywhere.setdefault(account_id, {})[key_of(name)] = name
            existing = [backend for (account, _), backend in self._backends.items() if account == account_id]
        for backend in existing:
            with backend.lock:
                backend.identities.force_verify(name)

    def all_backends(self) -> list[Backend]:
        """Every backend that exists now."""
        with self._lock:
            return list(self._backends.values())

    def backends_of(self, account_id: str) -> list[Backend]:
        """The backends of ``account_id`` that exist now (one per region reached)."""
        with self._lock:
            return [backend for (account, _), backend in self._backends.items() if account == account_id]

    @property
    def sent(self) -> list[SentMessage]:
        """Every message accepted, in order (the list itself: copy it to keep it)."""
        self._settle()
        return self._sent

    @property
    def events(self) -> list[Event]:
        """Every event logged, in order (the list itself: copy it to keep it)."""
        self._settle()
        return self._events

    def _settle(self) -> None:
        """Put the records deferred so far in place (see defer())."""
        if self._pending:
            with self._lock:
                self._make_pending()

    def maker(self, make: Callable[..., tuple[SentMessage, Sequence[Event]]]) -> int:
        """The number by which :attr:`defer` names ``make``, kept as long as the world (a bulk
        call still running after :meth:`clear` defers with its number). ``make`` must not
        call into the world: it runs under the world's lock."""
        with self._lock:
            self._makers.append(make)
            return len(self._makers) - 1

    def _make_pending(self) -> None:
        # Under the lock: the deferred records take their places, before anything after them.
        # Each leaves the queue once made: were making one to fail, the read would fail again,
        # the record would not be lost.
        pending = self._pending
        while pending:
            maker, *args = pending[0]
            message, events = self._makers[maker](*args)
            del pending[0]
            self._sent.append(message)
            self._messages_by_id[message.message_id] = message
            for event in events:
                self._events.append(event)
                self._events_by_message.setdefault(message.message_id, []).append(event)

    def record(self, message: SentMessage) -> None:
        """Keep ``message``, accepted just now."""
        with self._lock:
            if self._pending:
                self._make_pending()
            self._sent.append(message)
            self._messages_by_id[message.message_id] = message

    def decide(self, decision: AuthorizationDecision) -> None:
        """Keep ``decision``, made just now."""
        with self._lock:
            self.decisions.append(decision)

    def log(self, event: Event) -> None:
        """Keep ``event``, reported just now."""
        with self._lock:
            if self._pending:
                self._make_pending()
            self._events.append(event)
            self._events_by_message.setdefault(event.message.message_id, []).append(event)

    def emit(self, backend: Backend, publication: Publication) -> Publication:
        """Keep ``publication``, published just now, and deliver it outside if something does."""
        with self._lock:
            self.published.append(publication)
        if self.publisher is not None:
            self.publisher(backend, publication)
        return publication

    def message(self, message_id: str) -> Optional[SentMessage]:
        """The message accepted with ``message_id`` (and not cleared since), or None."""
        self._settle()
        return self._messages_by_id.get(message_id)

    def since(self, sent: int, events: int) -> tuple[list[SentMessage], list[Event]]:
        """The messages after the first ``sent`` and the events after the first ``events``
        (for readers that follow the record as it grows; see :attr:`generation`)."""
        with self._lock:
            if self._pending:
                self._make_pending()
            return self._sent[sent:], self._events[events:]

    def events_about(self, message_id: str) -> list[Event]:
        """The events about the message ``message_id``, in order (a new list)."""
        with self._lock:
            if self._pending:
                self._make_pending()
            return list(self._events_by_message.get(message_id, ()))

    def clear(self) -> None:
        """Forget the messages, events and publications so far; state such as identities stays."""
        with self._lock:
            self.generation += 1  # what was read of the record before is gone
            self._pending.clear()
            self._sent.clear()
            self._events.clear()
            self.published.clear()
            self.decisions.clear()
            self._messages_by_id.clear()
            self._events_by_message.clear()
