#include "core/version.h"
#include "ui/app/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char** argv) {
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Taxonomist"));
    QApplication::setOrganizationName(QStringLiteral("Taxonomist"));
    QApplication::setApplicationVersion(QString::fromLatin1(taxo::kVersion));
    // Matches the installed .desktop file, so desktops group the window with its launcher.
    QApplication::setDesktopFileName(QStringLiteral("org.taxonomist.Taxonomist"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/taxonomist.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Qualitative coding workbench"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QStringLiteral("Open the demo project (a synthetic study mid-way), creating it in the "
                       "user's data folder on first use."));
    parser.addOption(demoOption);
    const QCommandLineOption pageOption(
        QStringLiteral("page"),
        QStringLiteral("Show this page of the project first (its title in the navigation, "
                       "e.g. Taxonomy)."),
        QStringLiteral("title"));
    parser.addOption(pageOption);
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("A project file (*.taxo) to open."));
    parser.process(application);

    taxo::ui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    bool opened = false;
    if (parser.isSet(demoOption))
        opened = window.openDemoProject();
    else if (!files.isEmpty())
        opened = window.openProject(files.first());
    if (opened && parser.isSet(pageOption))
        window.showPageByTitle(parser.value(pageOption));
    return application.exec();
}
