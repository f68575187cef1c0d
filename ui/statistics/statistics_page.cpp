#include "ui/statistics/statistics_page.h"

#include "core/util/percent.h"
#include "ui/session/project_session.h"
#include "ui/statistics/box_plot_chart.h"
#include "ui/statistics/year_chart.h"
#include "ui/support/background.h"
#include "ui/support/dialogs.h"
#include "ui/support/qt_text.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace taxo::ui {
namespace {

QSpinBox* yearBox(QWidget* parent, const QString& name, const QString& none) {
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(1999, 2100); // the minimum shows as "any": no bound
    box->setSpecialValueText(none);
    box->setValue(1999);
    box->setToolTip(QCoreApplication::translate(
        "taxo::ui::StatisticsPage",
        "Questions of other years are left out of every figure, the test and the box plots"));
    return box;
}

QLabel* labelFor(const QString& text, QWidget* buddy, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

// Replaces the view's chart and deletes the one it showed.
void showChart(QChartView* view, QChart* chart) {
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

} // namespace

StatisticsPage::StatisticsPage(ProjectSession* session, Dialogs& dialogs, QWidget* parent)
    : Page(session, parent), dialogs_(dialogs) {
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    from_ = yearBox(this, QStringLiteral("fromYear"), tr("first year"));
    to_ = yearBox(this, QStringLiteral("toYear"), tr("last year"));
    yates_ = new QCheckBox(tr("Yates' continuity correction"), this);
    yates_->setObjectName(QStringLiteral("yates"));
    yates_->setChecked(true);
    compare_ = new QComboBox(this);
    compare_->setObjectName(QStringLiteral("compareWith"));
    compare_->addItem(tr("the questions in no set"),
                      static_cast<int>(stats::Comparison::OutsideSets));
    compare_->addItem(tr("the whole site (census)"),
                      static_cast<int>(stats::Comparison::WholeSite));
    compare_->setToolTip(tr("What the difficulty test compares all sets with: the questions in "
                            "no set (the study's choice), or every question of the site the "
                            "imports read (set A, from the census; it contains the sets)"));
    recompute_ = new QPushButton(tr("Recompute"), this);
    recompute_->setObjectName(QStringLiteral("recompute"));
    recompute_->setShortcut(QKeySequence(Qt::Key_F5));
    recompute_->setToolTip(tr("Compute the statistics again (F5)"));
    auto* csv = new QPushButton(tr("Export CSV…"), this);
    csv->setObjectName(QStringLiteral("exportCsv"));
    auto* image = new QPushButton(tr("Save chart…"), this);
    image->setObjectName(QStringLiteral("saveChart"));
    row->addWidget(labelFor(tr("Count questions from"), from_, this));
    row->addWidget(from_);
    row->addWidget(labelFor(tr("to"), to_, this));
    row->addWidget(to_);
    row->addWidget(yates_);
    row->addWidget(labelFor(tr("Compare with"), compare_, this));
    row->addWidget(compare_);
    row->addStretch(1);
    row->addWidget(recompute_);
    row->addWidget(csv);
    row->addWidget(image);
    difficulty_ = new QLabel(this);
    difficulty_->setObjectName(QStringLiteral("difficulty"));
    difficulty_->setWordWrap(true);
    difficulty_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    tabs_ = new QTabWidget(this);
    table_ = new QTableWidget(0, 9, this);
    table_->setObjectName(QStringLiteral("statisticsTable"));
    table_->setHorizontalHeaderLabels({tr("Group"), tr("Year"), tr("Questions"), tr("Askers"),
                                       tr("No owner"), tr("No accepted"), tr("Share no acc."),
                                       tr("With accepted"), tr("Median min to accept")});
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tabs_->addTab(yearsTab(), tr("Questions and askers per year"));
    tabs_->addTab(boxTab(), tr("Time to accepted answer"));
    tabs_->addTab(table_, tr("Table"));
    layout->addLayout(row);
    layout->addWidget(difficulty_);
    layout->addWidget(tabs_, 1);

    connect(recompute_, &QPushButton::clicked, this, [this] { recompute(); });
    connect(csv, &QPushButton::clicked, this, [this] {
        const QString path = dialogs_.saveFilePath(
            this, tr("Export statistics"), QStringLiteral("statistics.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            difficulty_->setText(error);
    });
    connect(image, &QPushButton::clicked, this, [this] {
        // The chart saved is the one shown (the years' chart from the table tab), and the
        // suggested name says which.
        const QString suggested = tabs_->currentWidget() == boxPage_
                                      ? QStringLiteral("time-to-accepted-answer.png")
                                      : QStringLiteral("questions-per-year.png");
        const QString path = dialogs_.saveFilePath(this, tr("Save chart"), suggested,
                                                   tr("PNG (*.png);;SVG (*.svg)"));
        QString error;
        if (!path.isEmpty() && !saveChart(path, &error))
            difficulty_->setText(error);
    });
}

QWidget* StatisticsPage::yearsTab() {
    yearsPage_ = new QWidget(this);
    // Until a result names the years with data, there is nothing to choose from.
    auto yearChoice = [this](const QString& name) {
        auto* box = new QSpinBox(yearsPage_);
        box->setObjectName(name);
        box->setRange(0, 0);
        box->setEnabled(false);
        box->setToolTip(tr("The chart shows the years with questions in a set between these "
                           "two; the figures and the table keep every year counted"));
        return box;
    };
    shownFrom_ = yearChoice(QStringLiteral("shownFromYear"));
    shownTo_ = yearChoice(QStringLiteral("shownToYear"));
    shareOfSite_ = new QCheckBox(tr("Questions as a share of the whole site"), yearsPage_);
    shareOfSite_->setObjectName(QStringLiteral("shareOfSite"));
    shareOfSite_->setToolTip(tr("Each set's questions as a percentage of all the questions asked "
                                "on the site that year (from the census of every row imported)"));
    yearsView_ = new QChartView(new QChart, yearsPage_);
    yearsView_->setObjectName(QStringLiteral("yearsChart"));
    yearsView_->setRenderHint(QPainter::Antialiasing);
    auto* controls = new QHBoxLayout;
    controls->addWidget(labelFor(tr("Show years from"), shownFrom_, yearsPage_));
    controls->addWidget(shownFrom_);
    controls->addWidget(labelFor(tr("to"), shownTo_, yearsPage_));
    controls->addWidget(shownTo_);
    controls->addWidget(shareOfSite_);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(yearsPage_);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(yearsView_, 1);
    // The range never turns around: moving one end past the other takes the other along.
    connect(shareOfSite_, &QCheckBox::toggled, this, [this] { rebuildYearChart(); });
    connect(shownFrom_, &QSpinBox::valueChanged, this, [this](int year) {
        if (shownTo_->value() < year) {
            const QSignalBlocker blocker(shownTo_);
            shownTo_->setValue(year);
        }
        rebuildYearChart();
    });
    connect(shownTo_, &QSpinBox::valueChanged, this, [this](int year) {
        if (shownFrom_->value() > year) {
            const QSignalBlocker blocker(shownFrom_);
            shownFrom_->setValue(year);
        }
        rebuildYearChart();
    });
    return yearsPage_;
}

QWidget* StatisticsPage::boxTab() {
    boxPage_ = new QWidget(this);
    timeUnit_ = new QComboBox(boxPage_);
    timeUnit_->setObjectName(QStringLiteral("timeUnit"));
    for (const auto unit : stats::kTimeUnits)
        timeUnit_->addItem(timeUnitText(unit), static_cast<int>(unit));
    timeUnit_->setCurrentIndex(timeUnit_->findData(static_cast<int>(BoxPlotOptions{}.unit)));
    logScale_ = new QCheckBox(tr("Log scale for the time axis"), boxPage_);
    logScale_->setObjectName(QStringLiteral("logScale"));
    logScale_->setToolTip(tr("Powers of ten apart, so the boxes and the slowest answers both "
                             "show; times of zero are drawn at one second"));
    boxView_ = new QChartView(new QChart, boxPage_);
    boxView_->setObjectName(QStringLiteral("boxChart"));
    boxView_->setRenderHint(QPainter::Antialiasing);
    auto* controls = new QHBoxLayout;
    controls->addWidget(labelFor(tr("Time in"), timeUnit_, boxPage_));
    controls->addWidget(timeUnit_);
    controls->addWidget(logScale_);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(boxPage_);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(boxView_, 1);
    connect(timeUnit_, &QComboBox::currentIndexChanged, this, [this] { rebuildBoxChart(); });
    connect(logScale_, &QCheckBox::toggled, this, [this] { rebuildBoxChart(); });
    return boxPage_;
}

StatisticsPage::~StatisticsPage() {
    if (worker_)
        worker_->wait(); // computeStats reads only; it finishes quickly
}

void StatisticsPage::refresh() {
    recompute_->setEnabled(session()->isOpen() && !busy());
    if (session()->isOpen() && isVisible())
        recompute();
}

void StatisticsPage::recompute() {
    if (busy() || !session()->isOpen())
        return;
    stats::StatsOptions options;
    if (from_->value() != from_->minimum())
        options.fromYear = from_->value();
    if (to_->value() != to_->minimum())
        options.toYear = to_->value();
    options.yates = yates_->isChecked();
    options.comparison = static_cast<stats::Comparison>(compare_->currentData().toInt());
    const std::string path = session()->path().toStdString();
    recompute_->setEnabled(false);
    difficulty_->setText(tr("Computing…"));
    using Outcome = Result<stats::CorpusStats>;
    std::function<Outcome()> work = [path, options]() -> Outcome {
        auto project = Project::open(path, Project::Access::ReadOnly);
        if (!project)
            return project.error();
        return stats::computeStats(*project, options);
    };
    std::function<void(Outcome&)> done = [this](Outcome& outcome) {
        worker_ = nullptr;
        recompute_->setEnabled(session()->isOpen());
        if (!outcome) {
            difficulty_->setText(toQ(outcome.message()));
            return;
        }
        showResult(*outcome);
    };
    worker_ = runInBackground<Outcome>(this, std::move(work), std::move(done));
}

void StatisticsPage::showResult(const stats::CorpusStats& result) {
    stats_ = result;
    if (result.difficultyTest) {
        const auto& t = *result.difficultyTest;
        difficulty_->setText(
            tr("No accepted answer: all sets %1 % (%2 of %3), %10 %4 % (%5 of %6). "
               "%7 (%8); 95 % confidence interval of the difference %9.")
                .arg(QString::fromStdString(util::formatShare(t.x1, t.n1)))
                .arg(t.x1)
                .arg(t.n1)
                .arg(QString::fromStdString(util::formatShare(t.x2, t.n2)))
                .arg(t.x2)
                .arg(t.n2)
                .arg(toQ(stats::propTestLine(t)))
                .arg(t.corrected ? tr("with Yates' continuity correction")
                                 : tr("without continuity correction"))
                .arg(toQ(stats::propTestInterval(t))
                         .replace(QLatin1Char(' '), QStringLiteral(" to ")))
                .arg(result.options.comparison == stats::Comparison::WholeSite ? tr("whole site")
                                                                               : tr("baseline")));
    } else {
        difficulty_->setText(tr("No proportion test: %1").arg(toQ(result.difficultyTestNote)));
    }

    fillTable(result);
    resetShownYears();
    rebuildYearChart();
    rebuildBoxChart();
}

void StatisticsPage::fillTable(const stats::CorpusStats& result) {
    table_->setRowCount(0);
    auto addRow = [this](const stats::GroupStats& group, const stats::YearFigures& f,
                         const QString& year) {
        const int r = table_->rowCount();
        table_->insertRow(r);
        QString share;
        if (f.questions > 0)
            share = QString::fromStdString(f.shareNoAcceptedPercent()) + QStringLiteral(" %");
        const QString median =
            f.medianMinutesToAccept ? QString::number(*f.medianMinutesToAccept, 'f', 1) : QString();
        const QString cells[] = {toQ(group.name),
                                 year,
                                 QString::number(f.questions),
                                 QString::number(f.askers),
                                 QString::number(f.noOwner),
                                 QString::number(f.noAccepted),
                                 share,
                                 QString::number(f.withAccepted),
                                 median};
        for (int c = 0; c < 9; ++c)
            table_->setItem(r, c, new QTableWidgetItem(cells[c]));
    };
    for (const auto& group : result.groups) {
        for (const auto& year : group.years)
            addRow(group, year, QString::number(year.year));
        addRow(group, group.total, tr("all"));
    }
}

void StatisticsPage::resetShownYears() {
    const auto years = yearsWithSetQuestions(*stats_);
    const QSignalBlocker fromBlocker(shownFrom_), toBlocker(shownTo_);
    shownFrom_->setEnabled(!years.empty());
    shownTo_->setEnabled(!years.empty());
    if (years.empty())
        return;
    // A range the lead narrowed stays (within the new years); the whole range follows
    // the data.
    const bool whole =
        shownFrom_->value() == shownFrom_->minimum() && shownTo_->value() == shownTo_->maximum();
    shownFrom_->setRange(years.front(), years.back());
    shownTo_->setRange(years.front(), years.back());
    if (whole) {
        shownFrom_->setValue(years.front());
        shownTo_->setValue(years.back());
    }
}

void StatisticsPage::rebuildYearChart() {
    if (!stats_)
        return;
    showChart(yearsView_, buildYearChart(*stats_, shownFrom_->value(), shownTo_->value(),
                                         shareOfSite_->isChecked()));
}

void StatisticsPage::rebuildBoxChart() {
    if (!stats_)
        return;
    BoxPlotOptions options;
    options.unit = static_cast<stats::TimeUnit>(timeUnit_->currentData().toInt());
    options.logScale = logScale_->isChecked();
    showChart(boxView_, buildBoxPlotChart(*stats_, options));
}

bool StatisticsPage::exportCsv(const QString& path, QString* error) const {
    if (!stats_) {
        if (error)
            *error = tr("Nothing to export yet: compute the statistics first.");
        return false;
    }
    QFile file(path);
    const std::string csv = stats::toCsv(*stats_);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(csv.data(), static_cast<qint64>(csv.size())) !=
            static_cast<qint64>(csv.size())) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool StatisticsPage::saveChart(const QString& path, QString* error) const {
    QChartView* view = tabs_->currentWidget() == boxPage_ ? boxView_ : yearsView_;
    const QSize size = view->size().expandedTo(QSize(800, 500));
    if (QFileInfo(path).suffix().compare(QStringLiteral("svg"), Qt::CaseInsensitive) == 0) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(view->chart()->title());
        QPainter painter;
        if (!painter.begin(&generator)) {
            if (error)
                *error = tr("%1: cannot write the SVG file").arg(path);
            return false;
        }
        view->render(&painter, QRectF(QPoint(0, 0), size));
        painter.end();
        return true;
    }
    QPixmap pixmap = view->grab();
    if (!pixmap.save(path, "PNG")) {
        if (error)
            *error = tr("%1: cannot write the PNG file").arg(path);
        return false;
    }
    return true;
}

} // namespace taxo::ui
