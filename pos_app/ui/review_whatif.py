"""The review's what-if tab: replay the period's decisions under a candidate policy file
before publishing it, and see what would have gone differently.

The file is read and the replay run on a worker (a year of decisions takes a moment);
nothing is written, no policy changes. The replay always takes the whole period, not
the filtered rows: a shift cap or a guest's budget counts every decision before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pos_app.bootstrap import App
from pos_app.domain.errors import InvalidInput
from pos_app.domain.messages import tier_name
from pos_app.domain.review import ReviewDecision
from pos_app.domain.whatif import Change, WhatIf, outcome_text
from pos_app.services.whatif import policy_whatif, tiers_of_staff
from pos_app.ui.far_widgets import button, error_text, plain
from pos_app.ui.history import local_time
from pos_app.ui.language import count_text
from pos_app.ui.review_models import Column, RecordsModel, money_text
from pos_app.ui.review_table import ReviewTable, heading, muted
from pos_app.ui.tasks import TaskRunner

MAX_POLICY_BYTES = 1_000_000  # a policy is a few kilobytes; anything this big is not one


def read_policy(path: Path) -> str:
    with path.open("rb") as f:
        data = f.read(MAX_POLICY_BYTES + 1)
    # Said in the tab's status (translate() is safe on the worker this runs on).
    if len(data) > MAX_POLICY_BYTES:
        raise InvalidInput(QCoreApplication.translate(
            "WhatIfTab", "{file} is too large to be a policy file.").format(file=path.name))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(QCoreApplication.translate(
            "WhatIfTab", "{file} is not a UTF-8 text file.").format(file=path.name)) from None


class WhatIfTab(QWidget):
    def __init__(self, app: App, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app, self._tasks = app, tasks
        self._decisions: list[ReviewDecision] = []
        self._by_id: dict[str, ReviewDecision] = {}
        self._labels: dict[str, str] = {}
        self._locale = app.locale
        self._path: Path | None = None
        self._generation = 0
        self.result: WhatIf | None = None
        self.choose = button(self.tr("C&hoose policy file…"),
                             self.tr("Choose a candidate policy file"),
                             tip=self.tr("A policy file (TOML) to replay this period's"
                                         " decisions under (Alt+H)"))
        self.file_label = plain()
        self.file_label.setText(self.tr(
            "Choose a policy file to see what it would have done to this period's decisions:"
            " which would have been allowed, which would have needed an approval, which"
            " refused. Nothing is changed."))
        self.status = plain()
        self.status.setAccessibleDescription(self.tr("What-if status"))  # its name is what it shows
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        groups = (("allowed", self.tr("Allowed")),
                  ("same", self.tr("Approved as before")),
                  ("needs", self.tr("Needs approval")),
                  ("refused", self.tr("Refused")))
        for n, (key, title) in enumerate(groups):
            name = muted(title)
            value = plain("sectionTitle")
            value.setAccessibleDescription(title)  # its name is what it shows
            self.figures[key] = value
            grid.addWidget(name, 0, n)
            grid.addWidget(value, 1, n)
            grid.setColumnStretch(n, 1)
        self.model = RecordsModel([])
        self.view = ReviewTable(self.model, self.tr("Decisions that would change"))
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addLayout(grid)
        layout.addWidget(heading(self.tr("Decisions that would have gone differently")))
        layout.addWidget(self.view, 1)
        self.choose.clicked.connect(self.choose_file)

    def set_decisions(self, decisions: Sequence[ReviewDecision], labels: dict[str, str]
                      ) -> None:
        """The period's decisions (all of them); a chosen file is replayed again."""
        self._decisions = list(decisions)
        self._labels = labels
        if self._path is not None:
            self.load_policy_file(self._path)

    def choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a policy file"), str(Path.home()),
                             self.tr("Policy files (*.toml);;All files (*)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.load_policy_file(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def load_policy_file(self, path: Path | str) -> None:
        """Replay the period under the policy in ``path`` (in the background)."""
        path = Path(path)
        self._path = path
        self._generation += 1
        generation, decisions, desk = self._generation, self._decisions, self._app.desk
        self.file_label.setText(self.tr("Candidate policy: {file}").format(file=str(path)))
        self.status.setText(self.tr("Replaying {n} decisions…").format(
            n=count_text(len(decisions))))
        def replay() -> tuple[WhatIf, dict[str, ReviewDecision]]:
            result = policy_whatif(read_policy(path), decisions, tiers_of_staff(desk))
            return result, {d.id: d for d in decisions}  # names for the changed rows

        self._tasks.run_read(replay, lambda got: self._show(generation, *got),
                             lambda error: self._failed(generation, error))

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        if isinstance(error, OSError):
            self.status.setText(self.tr("Could not read the file: {why}").format(
                why=error.strerror or str(error)))
        else:
            self.status.setText(error_text(error, self.tr("The replay failed.")))
        self.result = None
        for value in self.figures.values():
            value.clear()
        self.model.set_rows([])

    def _show(self, generation: int, result: WhatIf, by_id: dict[str, ReviewDecision]
              ) -> None:
        if generation != self._generation:
            return  # a newer file, or a newer period, is being replayed
        self.result, self._by_id = result, by_id
        cur, locale = result.currency, self._locale

        def group(count: int, minor: int) -> str:
            return f"{count_text(count)} · {money_text(minor, cur, locale)}"

        self.figures["allowed"].setText(group(result.allowed, result.allowed_minor))
        self.figures["same"].setText(group(result.approved_as_before,
                                           result.approved_as_before_minor))
        self.figures["needs"].setText("\n".join(
            f"{tier_name(tier)}: {group(n, result.needs_approval_minor.get(tier, 0))}"
            for tier, n in sorted(result.needs_approval.items())) or "0")
        self.figures["refused"].setText(group(result.refused, result.refused_minor))
        self.status.setText(self.tr("{changed} of {total} decisions would have gone"
                                    " differently.").format(changed=count_text(len(result.changes)),
                                                            total=count_text(result.total)))
        self.model.set_columns(self._columns(cur), result.changes)

    def _columns(self, currency: str) -> list[Column]:
        by_id, labels, locale = self._by_id, self._labels, self._locale
        zone = self._app.zone

        def who(c: Change) -> str:
            d = by_id.get(c.decision_id)
            return d.employee_name if d and d.employee_name else c.employee_id

        def guest(c: Change) -> str:
            d = by_id.get(c.decision_id)
            return d.customer_name if d and d.customer_name else c.customer_id

        # self.tr itself, never an alias: lupdate files only self.tr() under this class.
        return [
            Column(self.tr("When"), lambda c: local_time(c.decided_at, locale, zone=zone),
                   lambda c: c.decided_at, keep=True),
            Column(self.tr("Employee"), who),
            Column(self.tr("Guest"), guest, give=2),
            Column(self.tr("Action"), lambda c: labels.get(c.action, c.action), give=2),
            Column(self.tr("Amount"), lambda c: money_text(c.amount_minor, currency, locale),
                   lambda c: c.amount_minor, True),
            Column(self.tr("Before"), lambda c: outcome_text(c.before)),
            Column(self.tr("After"), lambda c: outcome_text(c.after)),
            Column(self.tr("Why"), lambda c: c.explain(locale), give=3),
        ]
