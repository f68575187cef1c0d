// GUI tests: real widgets on the offscreen platform, with QStandardPaths in
// test mode so that settings never touch the user's own.
#define CATCH_CONFIG_RUNNER
#include <QApplication>
#include <QStandardPaths>
#include <catch2/catch.hpp>

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TaxonomistTests"));
    QApplication::setApplicationName(QStringLiteral("TaxonomistUiTests"));
    return Catch::Session().run(argc, argv);
}
