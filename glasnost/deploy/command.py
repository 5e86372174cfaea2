"""`deploy`: build, compare with what the target has, send the difference in a safe order.

The deploy builds first, with the same checks as `build`, rather than trusting whatever
is in output/: that folder may be from another branch, an older checkout or a `serve`
session, and only a clean build of the current sources is ever published.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import groupby

from glasnost.config import DeployTarget, SiteConfig
from glasnost.deploy.headers import Headers
from glasnost.deploy.messages import DEPLOY_MESSAGES
from glasnost.deploy.plan import MARKER, STAGE_NAMES, Manifest, Plan, local_files, make_plan
from glasnost.deploy.rclone import Rclone, RcloneFailed, RcloneMissing
from glasnost.deploy.target import MissingVariable, UnsafeLocalTarget, resolve
from glasnost.diagnostics import Diagnostics
from glasnost.pipeline import BuildOptions, build, new_diagnostics

CONFIG = "site_config.yaml"
DEFAULT_TARGET = "production"
MARKER_HEADERS = Headers("application/json", "no-cache")


@dataclass(frozen=True)
class Request:
    target: str | None
    dry_run: bool = False
    force: bool = False


class Refused(Exception):
    """A deploy that must not go on: its diagnostic is already recorded."""


class Stopped(Exception):
    """rclone failed midway; its diagnostic is already recorded."""


def deploy(
    options: BuildOptions, request: Request, environ: Mapping[str, str] | None = None
) -> int:
    from glasnost.cli import print_diagnostics, say, summary_line

    env = dict(os.environ if environ is None else environ)
    result = build(options)
    print_diagnostics(result.diagnostics, result.language)
    lang = result.language
    print(summary_line(result, "build"), file=sys.stderr)
    if result.site is None or not result.ok:
        print(
            say(
                lang, "Выкладка отменена: ничего не отправлено.", "Deploy cancelled: nothing sent."
            ),
            file=sys.stderr,
        )
        return 1
    diag = Diagnostics({**new_diagnostics().catalog, **DEPLOY_MESSAGES})
    try:
        sent = publish(options, result.site.config, request, env, diag, lang)
    except Refused:
        print_diagnostics(diag, lang)
        print(say(lang, "Ничего не отправлено.", "Nothing was sent."), file=sys.stderr)
        return 1
    except Stopped:  # the hint says what was and was not sent
        print_diagnostics(diag, lang)
        return 1
    print(sent, file=sys.stderr)
    return 0


def choose_target(config: SiteConfig, name: str | None, diag: Diagnostics) -> DeployTarget:
    targets = config.deploy
    known = ", ".join(targets) or "—"
    if name is None:
        if not targets:
            diag.error("G951", CONFIG)
            raise Refused()
        if len(targets) == 1:
            return next(iter(targets.values()))
        if DEFAULT_TARGET in targets:
            return targets[DEFAULT_TARGET]
        diag.error("G952", CONFIG, known=known, first=next(iter(targets)))
        raise Refused()
    if name not in targets:
        diag.error("G950", CONFIG, target=name, known=known)
        raise Refused()
    return targets[name]


def publish(
    options: BuildOptions,
    config: SiteConfig,
    request: Request,
    env: dict[str, str],
    diag: Diagnostics,
    lang: str,
) -> str:
    """Send the built site; the summary line to show. Raises Refused or RcloneFailed."""
    from glasnost.cli import say

    target = choose_target(config, request.target, diag)
    try:
        remote = resolve(target, options.site_dir, options.out_dir, env)
    except MissingVariable as exc:
        others = ", ".join(exc.alternatives)
        diag.error(
            "G953",
            target.url,
            variable=exc.name,
            alternatives_ru=f" (или {others})" if others else "",
            alternatives_en=f" (or {others})" if others else "",
        )
        raise Refused() from exc
    except UnsafeLocalTarget as exc:
        diag.error("G955", CONFIG, folder=str(exc))
        raise Refused() from exc
    try:
        rclone = Rclone(remote, env)
    except RcloneMissing as exc:
        diag.error("G957", "rclone")
        raise Refused() from exc
    except RcloneFailed as exc:
        diag.error("G956", target.url, action=exc.action, problem=exc.problem)
        raise Stopped() from exc
    try:
        with rclone:
            plan = plan_for(rclone, options, target, request, diag)
            show_plan(plan, target.url, request.dry_run, lang)
            if request.dry_run:
                return say(
                    lang,
                    "Пробный запуск (--dry-run): ничего не отправлено.",
                    "Dry run (--dry-run): nothing was sent.",
                )
            if not plan.empty:
                send(plan, rclone, options, lang)
    except RcloneFailed as exc:
        diag.error("G956", target.url, action=exc.action, problem=exc.problem)
        raise Stopped() from exc
    return say(
        lang,
        f"Выложено: отправлено файлов: {len(plan.to_send)}, удалено: {len(plan.deleted)}, "
        f"без изменений: {plan.unchanged}.",
        f"Deployed: {len(plan.to_send)} files sent, {len(plan.deleted)} deleted, "
        f"{plan.unchanged} unchanged.",
    )


def plan_for(
    rclone: Rclone,
    options: BuildOptions,
    target: DeployTarget,
    request: Request,
    diag: Diagnostics,
) -> Plan:
    manifest = read_manifest(rclone)
    if manifest is None and not request.force:
        diag.error("G954", target.url, url=target.url)
        raise Refused()
    return make_plan(local_files(options.out_dir), manifest or Manifest())


def read_manifest(rclone: Rclone) -> Manifest | None:
    """The target's manifest; an empty one for an empty or new target; None for a
    target that holds files but no marker (somebody else's)."""
    marker = rclone.read(MARKER)  # the usual case, in one request
    if marker is not None:
        return Manifest.loads(marker)
    return Manifest() if not rclone.root_names() else None


def show_plan(plan: Plan, url: str, dry_run: bool, lang: str) -> None:
    from glasnost.cli import say

    print(
        say(
            lang,
            f"Цель {url}: отправить {len(plan.to_send)}, удалить {len(plan.deleted)}, "
            f"без изменений {plan.unchanged}.",
            f"Target {url}: {len(plan.to_send)} to send, {len(plan.deleted)} to delete, "
            f"{plan.unchanged} unchanged.",
        )
    )
    if plan.retired:
        print(
            say(
                lang,
                f"Старые файлы оформления ({len(plan.retired)}) удалятся при следующей выкладке: "
                "их ещё ждут страницы в кэше браузеров.",
                f"Old asset files ({len(plan.retired)}) are deleted at the next deploy: pages "
                "in browsers' caches still link them.",
            )
        )
    if not dry_run:
        return
    new = set(plan.new)
    for path in plan.to_send:
        print(("+ " if path in new else "~ ") + path)
    for path in plan.deleted:
        print("- " + path)


def send(plan: Plan, rclone: Rclone, options: BuildOptions, lang: str) -> None:
    """Marker first (claiming new files), stage by stage, deletions, final marker."""
    if plan.new:
        rclone.put(MARKER, plan.claimed().dumps(), MARKER_HEADERS)
    for stage, batches in groupby(plan.batches(rclone.remote.sends_headers), lambda b: b.stage):
        count = 0
        for batch in batches:
            rclone.copy(options.out_dir, batch.paths, batch.headers)
            count += len(batch.paths)
        ru, en = STAGE_NAMES[stage]
        print(f"  {en if lang == 'en' else ru}: {count}", flush=True)
    if plan.deleted:
        rclone.delete(plan.deleted)
        if rclone.remote.has_folders:
            for folder in plan.folders_emptied():
                rclone.remove_empty_folders(folder)
        print(f"  {'deleted' if lang == 'en' else 'удалено'}: {len(plan.deleted)}", flush=True)
    rclone.put(MARKER, plan.finished().dumps(), MARKER_HEADERS)
