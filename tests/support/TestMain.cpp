// The main() of non-GUI test binaries: a QCoreApplication, so that tests can use event loops, queued calls
// and QThread.
#include <gtest/gtest.h>

#include <ctime>

#include <QCoreApplication>

int main(int argc, char** argv) {
    qputenv("LANG", "C.UTF-8");
    qputenv("LC_ALL", "C.UTF-8");
    qputenv("TZ", "UTC");
    tzset();
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
