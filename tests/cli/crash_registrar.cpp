// Helper for tst_crashsafety: opens a workspace as its clerk and registers documents one after another,
// printing each committed số đến on its own line (flushed) until it is killed.
#include "documents/IncomingService.h"
#include "storage/Accounts.h"
#include "support/TestSupport.h"

#include <QCoreApplication>

#include <cstdio>

using namespace govdesk;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: crash_registrar WORKSPACE ROUND\n");
        return 2;
    }
    auto db = test::openDatabase(storage::ConnectionInfo::sqlite(args[1]));
    if (!db) {
        std::fprintf(stderr, "%s\n", test::why(db).constData());
        return 1;
    }
    storage::Accounts accounts(*db.value());
    auto clerk = accounts.userByName(QStringLiteral("vanthu"));
    if (!clerk) {
        std::fprintf(stderr, "%s\n", test::why(clerk).constData());
        return 1;
    }
    documents::IncomingService service(*db.value());
    for (int i = 1;; ++i) {
        documents::IncomingDraft d;
        d.authorName = QStringLiteral("Sở Tài chính");
        d.number = QStringLiteral("%1%2").arg(args[2]).arg(i, 4, 10, QLatin1Char('0'));
        d.notation = QStringLiteral("CV-STC");
        d.typeAbbr = QStringLiteral("CV");
        d.subject = QStringLiteral("Lượt %1, văn bản thứ %2 về việc đôn đốc báo cáo").arg(args[2]).arg(i);
        if (i % 3 == 0)
            d.attachments << documents::AttachmentSource{{},
                                                         QStringLiteral("Bản quét %1.pdf").arg(i),
                                                         QByteArray("%PDF-1.4\n% ") + d.subject.toUtf8() +
                                                             QByteArray(20000 + i, 'x')};
        auto doc = service.registerDocument(clerk.value(), d);
        if (!doc) {
            std::fprintf(stderr, "%s\n", test::why(doc).constData());
            return 1;
        }
        std::printf("%d\n", doc->arrivalNumber);
        std::fflush(stdout);
    }
}
