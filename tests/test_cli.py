"""The command line, in-process: each subcommand takes its own options in any order, refuses a foreign
one and any abbreviation, and `build` is the default."""
import json

import pytest

from publish import cli

B = "/tmp/some-build"


@pytest.mark.parametrize("argv,command,expect", [
    # build is the default command
    ([], "build", {"records_only": False}),
    (["--out", "X"], "build", {"out": "X"}),
    (["--records-only", "--out", "X", "--sources", "S"], "build", {"out": "X", "sources": "S", "records_only": True}),
    (["build", "--sources", "S", "--no-cache", "--out", "X"], "build", {"out": "X", "sources": "S", "no_cache": True}),
    # query: the text before, between or after the options; --out is an alias of --build
    (["query", "--out", B, "SELECT 1"], "query", {"build": B, "text": "SELECT 1"}),
    (["query", "SELECT 1", "--format", "json", "--build", B], "query", {"build": B, "format": "json"}),
    (["query", "--format", "csv", "--timeout", "30", "SELECT 1", "--build", B], "query",
     {"format": "csv", "timeout": 30.0, "text": "SELECT 1"}),
    (["query", "--timeout", "30", "--file", "q.rq"], "query", {"file": "q.rq", "text": None}),
    # serve and publish
    (["serve", "--port", "0", "--build", B, "--host", "::1"], "serve", {"port": 0, "host": "::1", "build": B}),
    (["serve", "--out", B, "--client-timeout", "3"], "serve", {"build": B, "client_timeout": 3.0}),
    (["publish", "--endpoint", "http://x/", "--build", B, "--user", "u"], "publish", {"endpoint": "http://x/", "user": "u"}),
    (["publish", "--out", B, "--endpoint", "http://x/"], "publish", {"build": B}),
    (["score", "--json", "--no-variants"], "score", {"json": True, "no_variants": True}),
])
def test_options_in_any_order(argv, command, expect):
    args = cli.parse(argv)
    assert args.command == command
    for k, v in expect.items():
        assert getattr(args, k) == v, k


@pytest.mark.parametrize("argv", [
    ["serve", "--endpoint", "x"],            # publish's option
    ["serve", "--format", "csv"],            # query's option
    ["serve", "--no-cache"],                 # build's option
    ["query", "--sources", "S", "ASK {}"],
    ["publish", "--port", "1", "--endpoint", "http://x/"],
    ["--format", "csv"],                     # the default command, build, has no --format
    ["build", "--sour", "S"],                # no abbreviations
    ["query", "--form", "json", "ASK {}"],
    ["publish"],                             # --endpoint is required
    ["serve", "extra"],                      # no positional
])
def test_foreign_options_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as e:
        cli.parse(argv)
    assert e.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_each_help_lists_only_its_own_options(capsys):
    with pytest.raises(SystemExit):
        cli.parse(["serve", "--help"])
    text = capsys.readouterr().out
    assert "--client-timeout" in text and "--port" in text
    assert "--endpoint" not in text and "--sources" not in text and "--format" not in text
    with pytest.raises(SystemExit):
        cli.parse(["--help"])
    top = capsys.readouterr().out
    assert all(c in top for c in cli.COMMANDS)


def test_query_runs_in_process(seed_build, capsys):
    out = str(seed_build[0])
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a <http://data.europa.eu/eli/ontology#LegalResource> } }"
    assert cli.main(["query", "--format", "json", q, "--build", out]) == 0
    n = int(json.loads(capsys.readouterr().out)["results"]["bindings"][0]["n"]["value"])
    assert n > 14
    assert cli.main(["query", "--out", out, q]) == 0
    assert f"{n}" in capsys.readouterr().out


def test_query_and_publish_without_a_build_say_so(tmp_path, capsys):
    assert cli.main(["query", "ASK {}", "--build", str(tmp_path)]) == 2
    assert cli.main(["publish", "--endpoint", "http://127.0.0.1:9/", "--build", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("error:") == 2 and "holds no build" in err


def test_score_runs_in_process(capsys):
    assert cli.main(["score", "--no-variants", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert any(i["issue"] == "shapingba-2020-02" and i["scores"]["found"] == 1.0 for i in result["issues"])


def test_build_runs_in_process(tmp_path, capsys):
    from tests.conftest import SEED
    assert cli.main(["--records-only", "--sources", str(SEED), "--out", str(tmp_path / "d"), "--no-cache"]) == 0
    assert (tmp_path / "d" / "records" / "shapingba-2020-02" / "documents.json").is_file()


def test_serve_on_a_port_in_use_says_so_in_one_line(seed_build, capsys):
    import socket
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        code = cli.main(["serve", "--build", str(seed_build[0]), "--port", str(taken.getsockname()[1])])
    finally:
        taken.close()
    err = capsys.readouterr().err
    assert code == 2 and "Address already in use" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
