"""What a deploy decides to send and delete, from the build and the target's marker."""

from __future__ import annotations

from glasnost.deploy.plan import MARKER, Manifest, make_plan

STYLE_OLD, STYLE_NEW = "static/style.1a2b3c4d.css", "static/style.99999999.css"


def test_an_old_hashed_asset_outlives_the_deploy_that_drops_it_by_one_deploy() -> None:
    before = Manifest({"index.html": "a", STYLE_OLD: "s"})
    site = {"index.html": "b", STYLE_NEW: "t"}
    plan = make_plan(site, before)
    assert plan.to_send == [STYLE_NEW, "index.html"]  # the asset before the page
    assert plan.deleted == []  # pages cached for five minutes still link the old style
    assert plan.retired == [STYLE_OLD]
    after = Manifest.loads(plan.finished().dumps())
    assert after.retired == (STYLE_OLD,)

    nothing_new = make_plan(site, after)
    assert nothing_new.to_send == [] and nothing_new.deleted == [STYLE_OLD]
    assert not nothing_new.empty
    assert Manifest.loads(nothing_new.finished().dumps()).retired == ()


def test_pages_and_attachments_gone_from_the_site_are_deleted_at_once() -> None:
    before = Manifest({"news/old/index.html": "a", "files/report.20220715.pdf": "p"})
    plan = make_plan({"index.html": "b", "news/index.html": "c"}, before)
    assert plan.deleted == ["files/report.20220715.pdf", "news/old/index.html"]
    # Folders left with no file of the site, the deepest first; news/ still has its list.
    assert plan.folders_emptied() == ["news/old", "files"]


def test_a_forged_or_broken_marker_deletes_nothing_outside_the_target() -> None:
    forged = Manifest.loads(
        b'{"files": {"../../etc/passwd": "x", "/etc/hosts": "y", "ok.html": "z"},'
        b' "retired": ["../up.css"]}'
    )
    assert forged.files == {"ok.html": "z"} and forged.retired == ()
    for broken in (b"", b"not json", b"[]", b'{"files": []}', b'{"files": {}, "retired": 1}'):
        manifest = Manifest.loads(broken)
        assert manifest.files == {} and make_plan({"a.html": "1"}, manifest).deleted == []


def test_the_marker_itself_is_never_a_file_to_delete() -> None:
    plan = make_plan({"index.html": "a"}, Manifest({"index.html": "a", MARKER: "m"}))
    assert plan.deleted == [] and plan.empty
