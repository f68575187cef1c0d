#include "ui/corpus/census_view.h"

#include "core/util/files.h"
#include "ui/corpus/census_models.h"
#include "ui/support/dialogs.h"
#include "ui/widgets/read_only_table.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace taxo::ui {

CensusView::CensusView(Dialogs& dialogs, QWidget* parent)
    : QWidget(parent), dialogs_(dialogs), years_(new CensusYearModel(this)),
      tags_(new CensusTagModel(this)) {
    setObjectName(QStringLiteral("censusView"));
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("censusSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    export_ = new QPushButton(tr("Export CSV…"), this);
    export_->setObjectName(QStringLiteral("exportCensus"));
    export_->setToolTip(tr("The census as one CSV table: a row per year, a row per tag and year"));

    yearsView_ = makeReadOnlyTable(years_, QStringLiteral("censusYears"), this);
    tagsView_ = makeReadOnlyTable(tags_, QStringLiteral("censusTags"), this);
    tagsView_->setItemDelegateForColumn(CensusTagModel::Trend, new TrendDelegate(tagsView_));
    chart_ = new QChartView(new QChart, this);
    chart_->setObjectName(QStringLiteral("censusChart"));
    chart_->setRenderHint(QPainter::Antialiasing);
    chart_->setMinimumHeight(220);

    auto* left = new QSplitter(Qt::Vertical, this);
    left->addWidget(yearsView_);
    left->addWidget(chart_);
    auto* tagsBox = new QWidget(this);
    auto* tagsLayout = new QVBoxLayout(tagsBox);
    tagsLayout->setContentsMargins(0, 0, 0, 0);
    tagsLayout->addWidget(new QLabel(tr("Most used tags"), tagsBox));
    tagsLayout->addWidget(tagsView_, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(tagsBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* top = new QHBoxLayout;
    top->addWidget(summary_, 1);
    top->addWidget(export_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(export_, &QPushButton::clicked, this, [this] {
        const QString path = dialogs_.saveFilePath(this, tr("Export census"),
                                                   QStringLiteral("census.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            dialogs_.showError(this, tr("Export census"), error);
    });
    showCensus(nullptr);
}

void CensusView::showCensus(sql::Database* db) {
    census_ = corpus::Census();
    QString problem;
    if (db) {
        auto read = corpus::readCensus(*db);
        if (read)
            census_ = std::move(*read);
        else
            problem = QString::fromStdString(read.message());
    }
    years_->setYears(census_.years);
    int first = 0, last = -1;
    for (const auto& y : census_.years)
        if (y.year != 0) {
            first = first == 0 ? y.year : first;
            last = y.year;
        }
    auto top = census_.tags;
    if (top.size() > kTopTags)
        top.resize(kTopTags);
    tags_->setTags(std::move(top), first, last);
    rebuildChart();
    export_->setEnabled(!census_.empty());
    const QLocale locale;
    if (!problem.isEmpty()) {
        summary_->setText(problem);
    } else if (!db) {
        summary_->setText(tr("No project is open."));
    } else if (census_.empty()) {
        summary_->setText(tr("No census yet. Every import counts each question and answer row it "
                             "reads, kept or not; import a dump (or import it again) to count "
                             "the whole site."));
    } else {
        std::int64_t questions = 0, answers = 0;
        QStringList sources;
        for (const auto& source : census_.sources) {
            questions += source.questions;
            answers += source.answers;
            sources.append(QString::fromStdString(source.key));
        }
        summary_->setText(tr("Every row the imports read, kept or not: %1 questions and %2 "
                             "answers, %3 tags, from %4.")
                              .arg(locale.toString(static_cast<qlonglong>(questions)),
                                   locale.toString(static_cast<qlonglong>(answers)),
                                   locale.toString(static_cast<qlonglong>(census_.tags.size())),
                                   sources.join(QStringLiteral(", "))));
    }
}

void CensusView::rebuildChart() {
    auto* chart = new QChart;
    chart->setTitle(tr("Questions per year, all rows read"));
    auto* questions = new QBarSet(tr("Questions"));
    auto* accepted = new QBarSet(tr("With accepted answer"));
    QStringList years;
    qlonglong highest = 0;
    for (const auto& y : census_.years) {
        if (y.year == 0)
            continue;
        years.append(QString::number(y.year));
        questions->append(static_cast<qreal>(y.questions));
        accepted->append(static_cast<qreal>(y.withAccepted));
        highest = std::max(highest, static_cast<qlonglong>(y.questions));
    }
    auto* series = new QBarSeries;
    series->append(questions);
    series->append(accepted);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(years);
    // Upright labels: a dump spans up to 17 years, and level ones are cut to "2...".
    x->setLabelsAngle(-90);
    auto* y = new QValueAxis;
    y->setRange(0, static_cast<qreal>(std::max<qlonglong>(highest, 1)));
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->applyNiceNumbers();
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart* old = chart_->chart();
    chart_->setChart(chart);
    delete old;
}

bool CensusView::exportCsv(const QString& path, QString* error) const {
    const auto status = files::writeAtomically(path.toStdString(), corpus::censusToCsv(census_));
    if (!status && error)
        *error = QString::fromStdString(status.message());
    return status.ok();
}

} // namespace taxo::ui
