"""`sopgen lsp`: a language server over stdio, built on pygls.

It publishes validation problems and wording findings for open SOP and project files as
they are edited, explains a finding's rule on hover, completes touchpoint and SOP ids, and
offers two code actions for a wording finding: allow the rule in that step (with a reason
to write) and show the rule's explanation. The work is done by sopgen.editor; this module
only speaks the protocol. pygls is an optional dependency (`pip install "sopgen[lsp]"`),
imported only here.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from . import __version__
from .core.problems import Problem, Severity
from .editor import allow_in_step, completions, document_problems, explanation
from .lint.registry import known_code

EXPLAIN_COMMAND = "sopgen.explain"
SOURCE = "sopgen"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

server = LanguageServer("sopgen", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)


def _path(document: TextDocument) -> Path | None:
    path = to_fs_path(document.uri)
    return Path(path) if path else None


def _client_position(document: TextDocument, line: int, column: int) -> types.Position:
    """A 0-based line and code-point column in the units the client and server agreed on."""
    lines = document.lines
    line = max(0, min(line, len(lines) - 1)) if lines else 0
    return document.position_codec.position_to_client_units(lines, types.Position(line=line, character=column))


def _diagnostic(document: TextDocument, problem: Problem) -> types.Diagnostic:
    start_line, start_column = max(problem.line - 1, 0), max(problem.column - 1, 0)
    if problem.end_line and problem.end_column:
        end_line, end_column = problem.end_line - 1, problem.end_column - 1
    else:
        end_line, end_column = start_line, start_column
    message = f"{problem.message}\nhint: {problem.hint}" if problem.hint else problem.message
    return types.Diagnostic(
        range=types.Range(start=_client_position(document, start_line, start_column),
                          end=_client_position(document, end_line, end_column)),
        message=message, severity=_SEVERITIES[problem.severity], code=problem.code, source=SOURCE,
        data={"rule": problem.rule, "line": start_line})


def _publish(ls: LanguageServer, uri: str) -> None:
    document = ls.workspace.get_text_document(uri)
    path = _path(document)
    problems = document_problems(path, document.source) if path is not None else []
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
        uri=uri, version=document.version, diagnostics=[_diagnostic(document, p) for p in problems]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


def _server_position(document: TextDocument, position: types.Position) -> types.Position:
    return document.position_codec.position_from_client_units(document.lines, position)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: LanguageServer, params: types.HoverParams) -> types.Hover | None:
    """The explanation of each rule with a finding under the cursor."""
    document = ls.workspace.get_text_document(params.text_document.uri)
    path = _path(document)
    if path is None:
        return None
    where = _server_position(document, params.position)
    texts = []
    for problem in document_problems(path, document.source):
        if _covers(problem, where.line, where.character):
            texts.append(explanation(problem.code) or f"**{problem.code}** {problem.message}\n\n{problem.hint}")
    if not texts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                    value="\n\n---\n\n".join(dict.fromkeys(texts))))


def _covers(problem: Problem, line: int, column: int) -> bool:
    """Whether a 0-based position lies on a problem: within its span, or on its line when it has none."""
    start = (problem.line - 1, problem.column - 1)
    if not (problem.end_line and problem.end_column):
        return line == start[0]
    return start <= (line, column) <= (problem.end_line - 1, problem.end_column - 1)


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", "[", ","]))
def complete(ls: LanguageServer, params: types.CompletionParams) -> types.CompletionList:
    document = ls.workspace.get_text_document(params.text_document.uri)
    path = _path(document)
    if path is None:
        return types.CompletionList(is_incomplete=False, items=[])
    where = _server_position(document, params.position)
    return types.CompletionList(is_incomplete=False, items=[
        types.CompletionItem(label=c.label, detail=c.detail, kind=types.CompletionItemKind.Value)
        for c in completions(path, document.source, where.line, where.character)])


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_actions(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    document = ls.workspace.get_text_document(params.text_document.uri)
    actions = []
    for diagnostic in params.context.diagnostics:
        code = str(diagnostic.code or "")
        if diagnostic.source != SOURCE or explanation(code) is None:
            continue
        line = _server_position(document, diagnostic.range.start).line
        insertion = allow_in_step(document.source, line, code) if known_code(code) else None
        if insertion is not None:
            at = _client_position(document, insertion.line, insertion.column)
            edit = types.TextEdit(range=types.Range(start=at, end=at), new_text=insertion.text)
            actions.append(types.CodeAction(
                title=f"Allow {code} in this step (then write why under 'reason:')",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={document.uri: [edit]})))
        actions.append(types.CodeAction(
            title=f"Explain {code}", kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            command=types.Command(title=f"Explain {code}", command=EXPLAIN_COMMAND, arguments=[code])))
    return actions


@server.command(EXPLAIN_COMMAND)
def explain(ls: LanguageServer, *arguments) -> str | None:
    """Show a rule's explanation, as `sopgen explain CODE` prints it; also return it for clients that display results."""
    code = str(arguments[0]) if arguments else ""
    text = explanation(code)
    if text is None:
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"no rule '{code}'"))
        return None
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=text))
    return text


def run() -> None:
    server.start_io()
