#include "ui/sampling/sampling_page.h"

#include "core/corpus/post_store.h"
#include "core/sampling/calibration_round.h"
#include "core/sampling/draw.h"
#include "core/sampling/sampling.h"
#include "ui/sampling/people_view.h"
#include "ui/sampling/sampling_models.h"
#include "ui/sampling/screening_view.h"
#include "ui/session/project_session.h"
#include "ui/support/core_command.h"
#include "ui/support/dialogs.h"
#include "ui/support/qt_text.h"
#include "ui/support/undo_actions.h"
#include "ui/widgets/post_dialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStringList>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>
#include <functional>

namespace taxo::ui {
namespace {

enum SizeMode { ComputedSize, FixedSize, AllPosts };

QTableView* makeTable(QAbstractItemModel* model, const QString& name, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    return view;
}

QDoubleSpinBox* makePercent(double value, double low, double high, const QString& name,
                            QWidget* parent) {
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(low, high);
    box->setDecimals(2);
    box->setSuffix(QStringLiteral(" %"));
    box->setValue(value);
    return box;
}

} // namespace

SamplingPage::SamplingPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent)
    : Page(session, parent), dialogs_(dialogs), setsModel_(new SetsModel(this)),
      drawModel_(new DrawModel(this)), roundsModel_(new RoundsModel(this)),
      undo_(session->undoStack()) {
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    layout->addWidget(splitter);

    // Top: the sets and the form of the draw, side by side.
    auto* top = new QWidget(splitter);
    auto* topLayout = new QHBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    setsView_ = makeTable(setsModel_, QStringLiteral("setsView"), top);
    topLayout->addWidget(setsView_, 1);

    auto* form = new QGroupBox(tr("Draw a sample"), top);
    auto* formLayout = new QFormLayout(form);
    setLabel_ = new QLabel(tr("Select a set"), form);
    setLabel_->setObjectName(QStringLiteral("setLabel"));
    formLayout->addRow(tr("Set:"), setLabel_);
    sizeMode_ = new QComboBox(form);
    sizeMode_->setObjectName(QStringLiteral("sizeMode"));
    sizeMode_->addItem(tr("Computed (confidence and margin)"));
    sizeMode_->addItem(tr("Fixed number of posts"));
    sizeMode_->addItem(tr("All posts of the set"));
    formLayout->addRow(tr("Size:"), sizeMode_);
    confidence_ = makePercent(95.0, 0.01, 99.99, QStringLiteral("confidence"), form);
    formLayout->addRow(tr("Confidence:"), confidence_);
    margin_ = makePercent(5.0, 0.01, 99.99, QStringLiteral("margin"), form);
    margin_->setToolTip(tr("Half-width of the confidence interval"));
    formLayout->addRow(tr("Margin of error:"), margin_);
    proportion_ = makePercent(50.0, 0.01, 99.99, QStringLiteral("proportion"), form);
    proportion_->setToolTip(tr("Expected proportion; 50 % is the safe choice"));
    formLayout->addRow(tr("Expected proportion:"), proportion_);
    rounding_ = new QComboBox(form);
    rounding_->setObjectName(QStringLiteral("rounding"));
    rounding_->addItem(tr("Up (keeps the margin)"), QStringLiteral("ceil"));
    rounding_->addItem(tr("Nearest"), QStringLiteral("nearest"));
    rounding_->addItem(tr("Down (the study's 297 and 307)"), QStringLiteral("floor"));
    formLayout->addRow(tr("Rounding:"), rounding_);
    sizeResult_ = new QLabel(form);
    sizeResult_->setObjectName(QStringLiteral("sizeResult"));
    sizeResult_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    formLayout->addRow(tr("Sample size:"), sizeResult_);
    fixedSize_ = new QSpinBox(form);
    fixedSize_->setObjectName(QStringLiteral("fixedSize"));
    fixedSize_->setRange(1, 1);
    formLayout->addRow(tr("Fixed size:"), fixedSize_);
    auto* seedRow = new QHBoxLayout;
    seed_ = new QLineEdit(form);
    seed_->setObjectName(QStringLiteral("seed"));
    seed_->setToolTip(tr("A whole number from 0 to 18446744073709551615. The same seed and set "
                         "give the same sample on every machine; it is stored with the sample."));
    newSeed_ = new QPushButton(tr("New seed"), form);
    newSeed_->setObjectName(QStringLiteral("newSeed"));
    seedRow->addWidget(seed_, 1);
    seedRow->addWidget(newSeed_);
    formLayout->addRow(tr("Seed:"), seedRow);
    pilotPercent_ = makePercent(30.0, 0.0, 100.0, QStringLiteral("pilotPercent"), form);
    pilotPercent_->setToolTip(tr("The first round(size × share) posts of the sample form the "
                                 "pilot round; the rest the reliability round"));
    formLayout->addRow(tr("Pilot share:"), pilotPercent_);
    replace_ =
        new QCheckBox(tr("Replace the set's sample (refused while its rounds hold labels)"), form);
    replace_->setObjectName(QStringLiteral("replace"));
    formLayout->addRow(replace_);
    leaveOut_ = new QCheckBox(tr("Leave out posts already in other sets' rounds"), form);
    leaveOut_->setObjectName(QStringLiteral("leaveOutOtherRounds"));
    leaveOut_->setChecked(true);
    leaveOut_->setToolTip(tr("A post in two sets may already sit in the rounds of the other "
                             "set's sample. Left out, no post is labeled twice; kept in, rounds "
                             "that label it differently go to arbitration."));
    formLayout->addRow(leaveOut_);
    drawButton_ = new QPushButton(tr("Draw"), form);
    drawButton_->setObjectName(QStringLiteral("drawButton"));
    drawButton_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    drawButton_->setToolTip(tr("Draw the sample and create its rounds (Ctrl+Enter)"));
    formLayout->addRow(drawButton_);
    topLayout->addWidget(form, 1);

    // Middle: the drawn sample in order; bottom: the rounds.
    auto* middle = new QWidget(splitter);
    auto* middleLayout = new QVBoxLayout(middle);
    middleLayout->setContentsMargins(0, 0, 0, 0);
    // Full width under the form, so that a long refusal is read whole, not clipped.
    status_ = new QLabel(middle);
    status_->setObjectName(QStringLiteral("drawStatus"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    middleLayout->addWidget(status_);
    drawSummary_ = new QLabel(middle);
    drawSummary_->setObjectName(QStringLiteral("drawSummary"));
    drawSummary_->setWordWrap(true);
    middleLayout->addWidget(drawSummary_);
    drawView_ = makeTable(drawModel_, QStringLiteral("drawView"), middle);
    // The title takes the room; the name and the round are never cut.
    drawView_->horizontalHeader()->setStretchLastSection(false);
    drawView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    drawView_->horizontalHeader()->setSectionResizeMode(DrawModel::TitleColumn,
                                                        QHeaderView::Stretch);
    connect(drawView_, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { openDrawnPost(index.row()); });
    middleLayout->addWidget(drawView_);

    tabs_ = new QTabWidget(splitter);
    tabs_->setObjectName(QStringLiteral("samplingTabs"));
    auto* bottom = new QWidget(tabs_);
    auto* bottomLayout = new QVBoxLayout(bottom);
    roundsView_ = makeTable(roundsModel_, QStringLiteral("roundsView"), bottom);
    // Names and kinds in full; the progress, the longest text, gets what is left.
    roundsView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    roundsView_->horizontalHeader()->setSectionResizeMode(RoundsModel::ProgressColumn,
                                                          QHeaderView::Stretch);
    bottomLayout->addWidget(roundsView_);
    auto* assignRow = new QHBoxLayout;
    coders_ = new QLineEdit(bottom);
    coders_->setObjectName(QStringLiteral("coders"));
    coders_->setPlaceholderText(tr("Coders of the selected round, e.g. Ann, Bo"));
    coders_->setToolTip(tr("People with the coder role, separated by commas. A reliability "
                           "round needs two or more, a screening round exactly two, a pilot at "
                           "least one."));
    assignButton_ = new QPushButton(tr("Assign"), bottom);
    assignButton_->setObjectName(QStringLiteral("assignButton"));
    calibrationButton_ = new QPushButton(tr("New calibration round…"), bottom);
    calibrationButton_->setObjectName(QStringLiteral("newCalibrationRound"));
    calibrationButton_->setToolTip(
        tr("Before a new coder starts: they label posts of a pilot blind, and the Agreement "
           "page scores them against the pilot's consensus. Never counted in the results."));
    assignRow->addWidget(coders_, 1);
    assignRow->addWidget(assignButton_);
    assignRow->addWidget(calibrationButton_);
    bottomLayout->addLayout(assignRow);
    assignStatus_ = new QLabel(bottom);
    assignStatus_->setObjectName(QStringLiteral("assignStatus"));
    assignStatus_->setWordWrap(true);
    bottomLayout->addWidget(assignStatus_);
    peopleView_ = new PeopleView(session, undo_, tabs_);
    screeningView_ = new ScreeningView(session, undo_, tabs_);
    tabs_->addTab(bottom, tr("Rounds: who codes what"));
    tabs_->addTab(peopleView_, tr("People and roles"));
    tabs_->addTab(screeningView_, tr("Screening"));
    // Undo and redo of the edits on the tabs (people, coders, decisions).
    offerUndoRedo(this, session->undoRedoActions());
    const auto [undoButton, redoButton] = makeUndoRedoButtons(tabs_, session->undoRedoActions());
    auto* corner = new QWidget(tabs_);
    auto* cornerLayout = new QHBoxLayout(corner);
    cornerLayout->setContentsMargins(0, 0, 0, 0);
    cornerLayout->addWidget(undoButton);
    cornerLayout->addWidget(redoButton);
    tabs_->setCornerWidget(corner);

    connect(setsView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { onSetChanged(); });
    connect(sizeMode_, &QComboBox::currentIndexChanged, this, [this] { updateCalculator(); });
    connect(rounding_, &QComboBox::currentIndexChanged, this, [this] { updateCalculator(); });
    for (auto* box : {confidence_, margin_, proportion_})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] { updateCalculator(); });
    connect(fixedSize_, &QSpinBox::valueChanged, this, [this] { updateCalculator(); });
    connect(newSeed_, &QPushButton::clicked, this, [this] { proposeSeed(); });
    connect(drawButton_, &QPushButton::clicked, this, [this] { draw(); });
    connect(assignButton_, &QPushButton::clicked, this, [this] { assignCoders(); });
    connect(coders_, &QLineEdit::returnPressed, this, [this] { assignCoders(); });
    connect(calibrationButton_, &QPushButton::clicked, this, [this] { newCalibrationRound(); });
    connect(roundsView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        // Start from the round's current coders, so a change is an edit, not a retype.
        const auto* round = roundsModel_->roundAt(roundsView_->currentIndex().row());
        QStringList names;
        if (round)
            for (const auto& coder : round->coders)
                names << toQ(coder.name);
        coders_->setText(names.join(QStringLiteral(", ")));
        assignStatus_->clear();
    });
    updateCalculator();
}

SamplingPage::~SamplingPage() = default;

QString SamplingPage::selectedSet() const {
    const auto* set = setsModel_->setAt(setsView_->currentIndex().row());
    return set ? toQ(set->name) : QString();
}

void SamplingPage::selectSet(const QString& name) {
    const int row = setsModel_->rowOf(name);
    if (row >= 0) {
        setsView_->setCurrentIndex(setsModel_->index(row, SetsModel::NameColumn));
        setsView_->scrollTo(setsView_->currentIndex());
    }
}

void SamplingPage::refresh() {
    const QString previous = selectedSet();
    const auto* round = roundsModel_->roundAt(roundsView_->currentIndex().row());
    const QString previousRound = round ? toQ(round->name) : QString();
    if (!session()->isOpen()) {
        setsModel_->setSets({});
        roundsModel_->setRounds({});
        peopleView_->refresh();
        screeningView_->refresh();
        onSetChanged();
        return;
    }
    auto sets = sampling::listSets(*session()->project());
    setsModel_->setSets(sets ? std::move(*sets) : std::vector<sampling::SetOverview>{});
    auto rounds = rounds::listRounds(*session()->project());
    roundsModel_->setRounds(rounds ? std::move(*rounds) : std::vector<rounds::RoundInfo>{});
    peopleView_->refresh();
    screeningView_->refresh();
    if (!sets || !rounds)
        showStatus(toQ(!sets ? sets.message() : rounds.message()), true);
    // The sets are sorted by name: a new one moves the others, and the selection follows
    // its set, not its row.
    if (setsModel_->rowOf(previous) >= 0)
        selectSet(previous);
    else if (setsModel_->rowCount() > 0)
        setsView_->setCurrentIndex(setsModel_->index(0, SetsModel::NameColumn));
    if (!previousRound.isEmpty())
        selectRound(previousRound);
    onSetChanged();
}

void SamplingPage::onSetChanged() {
    const auto* set = setsModel_->setAt(setsView_->currentIndex().row());
    if (!set) {
        setLabel_->setText(session()->isOpen() && setsModel_->rowCount() == 0
                               ? tr("The project has no sets yet; build them on the Selection "
                                    "page")
                               : tr("Select a set"));
        fixedSize_->setRange(1, 1);
    } else {
        setLabel_->setText(
            tr("%1: %2 posts").arg(toQ(set->name), QLocale().toString(set->population)));
        fixedSize_->setRange(1, static_cast<int>(std::max<std::int64_t>(
                                    1, std::min<std::int64_t>(set->population, 1 << 30))));
    }
    // On a change of set, a set with a sample shows its stored seed and a set
    // without one gets a fresh proposal. A refresh for the same set keeps what the
    // lead typed.
    const QString name = set ? toQ(set->name) : QString();
    if (name != seedSet_)
        status_->clear(); // an outcome belongs to the set it was about
    if (name != seedSet_ || seed_->text().isEmpty()) {
        if (set && set->sampleSize)
            seed_->setText(toQ(set->sampleSeed));
        else
            proposeSeed();
    }
    seedSet_ = name;
    updatePreview();
    updateCalculator();
}

void SamplingPage::proposeSeed() {
    seed_->setText(QString::number(sampling::randomSeed()));
}

void SamplingPage::updateCalculator() {
    const int mode = sizeMode_->currentIndex();
    for (QWidget* widget : {static_cast<QWidget*>(confidence_), static_cast<QWidget*>(margin_),
                            static_cast<QWidget*>(proportion_), static_cast<QWidget*>(rounding_)})
        widget->setEnabled(mode == ComputedSize);
    fixedSize_->setEnabled(mode == FixedSize);
    const auto* set = setsModel_->setAt(setsView_->currentIndex().row());
    drawButton_->setEnabled(set != nullptr && set->population > 0);
    if (!set) {
        sizeResult_->setText(tr("Select a set to compute its sample size"));
        return;
    }
    if (mode == AllPosts) {
        sizeResult_->setText(tr("%1 (every post)").arg(QLocale().toString(set->population)));
        return;
    }
    if (mode == FixedSize) {
        sizeResult_->setText(
            tr("%1 of %2")
                .arg(QLocale().toString(fixedSize_->value()), QLocale().toString(set->population)));
        return;
    }
    sampling::SampleSizeInput input;
    input.population = set->population;
    input.confidence = confidence_->value() / 100.0;
    input.margin = margin_->value() / 100.0;
    input.proportion = proportion_->value() / 100.0;
    input.rounding =
        sampling::parseRounding(rounding_->currentData().toString().toStdString()).value();
    auto size = sampling::computeSampleSize(input);
    if (!size) {
        sizeResult_->setText(toQ(size.message()));
        return;
    }
    sizeResult_->setText(tr("%1 of %2 (exact %3; z = %4, n0 = %5)")
                             .arg(QLocale().toString(size->n), QLocale().toString(set->population),
                                  QLocale().toString(size->nExact, 'f', 2),
                                  QLocale().toString(size->z, 'f', 4),
                                  QLocale().toString(size->n0, 'f', 2)));
}

void SamplingPage::openDrawnPost(int row) {
    const std::int64_t postId = drawModel_->postIdAt(row);
    if (postId == 0 || !session()->isOpen())
        return;
    if (!postDialog_)
        postDialog_ = new PostDialog(this);
    postDialog_->showPost(session()->project()->db(), postId);
    postDialog_->show();
    postDialog_->raise();
}

void SamplingPage::updatePreview() {
    shown_.reset();
    const QString name = selectedSet();
    if (session()->isOpen() && !name.isEmpty()) {
        auto loaded = sampling::loadSample(*session()->project(), name.toStdString());
        if (loaded && loaded->has_value())
            shown_ = std::make_unique<sampling::StoredSample>(std::move(**loaded));
    }
    std::vector<std::string> titles;
    if (shown_) {
        std::vector<std::int64_t> ids;
        for (const auto* part : {&shown_->pilot, &shown_->reliability})
            for (const auto& post : *part)
                ids.push_back(post.postId);
        if (auto read = corpus::titlesOf(session()->project()->db(), ids))
            titles = std::move(*read);
    }
    drawModel_->setSample(shown_.get(), titles);
    if (!shown_) {
        drawSummary_->setText(name.isEmpty() ? QString()
                                             : tr("Set %1 has no sample yet.").arg(name));
        return;
    }
    drawSummary_->setText(
        tr("Sample of %1: %2 of %3 posts, seed %4 (%5). Pilot: %6 posts; reliability: %7 posts.")
            .arg(name, QLocale().toString(shown_->size), QLocale().toString(shown_->population),
                 toQ(shown_->seed), toQ(shown_->method),
                 QLocale().toString(static_cast<qlonglong>(shown_->pilot.size())),
                 QLocale().toString(static_cast<qlonglong>(shown_->reliability.size()))));
}

bool SamplingPage::draw() {
    const auto* set = setsModel_->setAt(setsView_->currentIndex().row());
    if (!session()->isOpen() || !set) {
        showStatus(tr("Select a set first."), true);
        return false;
    }
    sampling::SampleRequest request;
    request.setName = set->name;
    request.seed = seed_->text().trimmed().toStdString();
    request.pilotFraction = pilotPercent_->value() / 100.0;
    request.replace = replace_->isChecked();
    request.leaveOutPostsInOtherRounds = leaveOut_->isChecked();
    auto inOtherRounds = sampling::postsInOtherRounds(*session()->project(), set->name);
    if (!inOtherRounds) {
        showStatus(toQ(inOtherRounds.message()), true);
        return false;
    }
    const auto othersCount = static_cast<std::int64_t>(inOtherRounds->size());
    const std::int64_t population =
        set->population - (request.leaveOutPostsInOtherRounds ? othersCount : 0);
    switch (sizeMode_->currentIndex()) {
    case FixedSize:
        request.method = sampling::SizeMethod::Size;
        request.size = fixedSize_->value();
        break;
    case AllPosts:
        request.method = sampling::SizeMethod::All;
        break;
    default:
        request.method = sampling::SizeMethod::Auto;
        request.sizeInput.confidence = confidence_->value() / 100.0;
        request.sizeInput.margin = margin_->value() / 100.0;
        request.sizeInput.proportion = proportion_->value() / 100.0;
        request.sizeInput.rounding =
            sampling::parseRounding(rounding_->currentData().toString().toStdString()).value();
        break;
    }
    // The draw writes a sample and two rounds at once: say what it will draw first, so a
    // click that landed on another set (the list re-sorts) never draws it unasked.
    std::int64_t size = request.size;
    if (request.method == sampling::SizeMethod::All) {
        size = population;
    } else if (request.method == sampling::SizeMethod::Auto) {
        auto input = request.sizeInput;
        input.population = population;
        auto computed = sampling::computeSampleSize(input);
        if (!computed) {
            showStatus(toQ(computed.message()), true);
            return false;
        }
        size = computed->n;
    }
    const std::int64_t pilot = sampling::pilotCount(size, request.pilotFraction);
    QString others;
    if (othersCount > 0)
        others = request.leaveOutPostsInOtherRounds
                     ? tr("\n\n%1 posts of the set already sit in the rounds of other sets and "
                          "are left out.")
                           .arg(QLocale().toString(othersCount))
                     : tr("\n\n%1 posts of the set already sit in the rounds of other sets and "
                          "may be drawn again; rounds that label them differently go to "
                          "arbitration.")
                           .arg(QLocale().toString(othersCount));
    const QString question =
        tr("Draw %1 of the %2 posts of set %3 with seed %4?\n\nThe first %5 go to the pilot "
           "round, the other %6 to the reliability round.%7%8")
            .arg(QLocale().toString(size), QLocale().toString(population), toQ(set->name),
                 toQ(request.seed), QLocale().toString(pilot), QLocale().toString(size - pilot),
                 others,
                 request.replace ? tr("\n\nThe set's present sample is replaced.") : QString());
    if (!dialogs_.confirm(this, tr("Draw a sample"), question, tr("Draw"))) {
        showStatus(tr("Nothing was drawn."), false);
        return false;
    }
    auto stored = sampling::drawAndStore(*session()->project(), request);
    if (!stored) {
        showStatus(toQ(stored.message()), true);
        return false;
    }
    replace_->setChecked(false);
    seedSet_.clear(); // show the stored seed of the new sample
    refresh();
    showStatus(stored->leftOut > 0
                   ? tr("Drew %1 posts with seed %2, leaving out %3 posts already in other sets' "
                        "rounds.")
                         .arg(QLocale().toString(stored->size), toQ(stored->seed),
                              QLocale().toString(stored->leftOut))
                   : tr("Drew %1 posts with seed %2.")
                         .arg(QLocale().toString(stored->size), toQ(stored->seed)),
               false);
    session()->notifyDataChanged();
    return true;
}

void SamplingPage::selectRound(const QString& name) {
    for (int row = 0; row < roundsModel_->rowCount(); ++row)
        if (toQ(roundsModel_->roundAt(row)->name) == name)
            roundsView_->setCurrentIndex(roundsModel_->index(row, RoundsModel::NameColumn));
}

bool SamplingPage::assignCoders() {
    const auto* round = roundsModel_->roundAt(roundsView_->currentIndex().row());
    if (!session()->isOpen() || !round) {
        assignStatus_->setText(tr("Select a round first."));
        return false;
    }
    const std::string name = round->name;
    const auto names = rounds::splitNames(coders_->text().toStdString());
    auto change = rounds::changeCoders(session()->project()->db(), name, names);
    if (!change) {
        assignStatus_->setText(tr("Not assigned: %1").arg(toQ(change.message())));
        return false;
    }
    // Undo puts back the coders core found before the assignment (maybe nobody).
    undo_->push(new CoreCommand(
        tr("Assign the coders of %1").arg(toQ(name)), session()->databaseGetter(),
        [c = *change](sql::Database& db) { return rounds::redoAssign(db, c); },
        [c = *change](sql::Database& db) { return rounds::undoAssign(db, c); }, this,
        [this, name](const QString& error, bool) {
            refresh();
            selectRound(toQ(name));
            assignStatus_->setText(error);
            session()->notifyDataChanged();
        }));
    refresh();
    selectRound(toQ(name));
    assignStatus_->setText(tr("Round %1 is coded by %2.").arg(toQ(name), coders_->text()));
    session()->notifyDataChanged();
    return true;
}

bool SamplingPage::newCalibrationRound() {
    if (!session()->isOpen())
        return false;
    const QString title = tr("New calibration round");
    auto rounds = rounds::listRounds(*session()->project());
    if (!rounds) {
        assignStatus_->setText(tr("Not created: %1").arg(toQ(rounds.message())));
        return false;
    }
    QStringList pilots;
    for (const auto& round : *rounds)
        if (round.kind == rounds::RoundKind::Pilot && round.consensusLabels > 0)
            pilots << toQ(round.name);
    if (pilots.isEmpty()) {
        assignStatus_->setText(tr("No pilot round has a consensus label yet; a calibration round "
                                  "scores a coder against the pilot's consensus."));
        return false;
    }
    // The selected pilot is the one meant; otherwise ask which.
    const auto* selected = roundsModel_->roundAt(roundsView_->currentIndex().row());
    QString pilot =
        selected && pilots.contains(toQ(selected->name)) ? toQ(selected->name) : QString();
    if (pilot.isEmpty()) {
        const int chosen = dialogs_.chooseItem(
            this, title, tr("The pilot round whose consensus the coder is scored against:"),
            pilots);
        if (chosen < 0)
            return false;
        pilot = pilots.at(chosen);
    }
    auto candidates =
        sampling::calibrationCandidates(session()->project()->db(), pilot.toStdString());
    if (!candidates) {
        assignStatus_->setText(tr("Not created: %1").arg(toQ(candidates.message())));
        return false;
    }
    const QString name = dialogs_.askText(this, title, tr("Name of the new round:"),
                                          tr("%1 calibration").arg(pilot));
    if (name.isNull())
        return false;
    const QString coders = dialogs_.askText(
        this, title, tr("Coders, separated by commas; each is scored alone:"), QString());
    if (coders.isNull())
        return false;
    const auto available = static_cast<qlonglong>(candidates->size());
    const QString posts = dialogs_.askText(
        this, title,
        tr("How many of the %1 posts with a consensus label, drawn at random; or the posts "
           "by id, separated by commas:")
            .arg(available),
        QString::number(std::min<qlonglong>(available, 10)));
    if (posts.isNull())
        return false;
    sampling::CalibrationRequest request;
    request.name = name.trimmed().toStdString();
    request.pilotRound = pilot.toStdString();
    request.coders = rounds::splitNames(coders.toStdString());
    bool isCount = false;
    const qlonglong count = posts.trimmed().toLongLong(&isCount);
    if (isCount) {
        request.count = count;
        request.seed = std::to_string(sampling::randomSeed());
    } else {
        request.posts = rounds::splitNames(posts.toStdString());
    }
    auto created = sampling::createCalibrationRound(*session()->project(), request);
    if (!created) {
        assignStatus_->setText(tr("Not created: %1").arg(toQ(created.message())));
        return false;
    }
    refresh();
    selectRound(toQ(created->name));
    const QString drawn = isCount ? tr(" (drawn with seed %1)").arg(toQ(request.seed)) : QString();
    assignStatus_->setText(tr("Created calibration round %1: %2 posts of pilot round %3%4. Its "
                              "coders label them in their packages; the Agreement page scores "
                              "them against the pilot's consensus.")
                               .arg(toQ(created->name))
                               .arg(created->items.size())
                               .arg(pilot, drawn));
    session()->notifyDataChanged();
    return true;
}

void SamplingPage::showStatus(const QString& text, bool error) {
    // Inline, not a dialog: the form stays as it was, so the value can be corrected.
    status_->setText(error ? tr("Not drawn: %1").arg(text) : text);
    status_->setProperty("error", error);
}

} // namespace taxo::ui
