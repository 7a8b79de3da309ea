#include "chart_export.h"

#include <QChartView>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QMainWindow>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QSettings>
#include <QStatusBar>
#include <QSvgGenerator>

#include <functional>

namespace btsf::gui {
namespace {
using Draw = std::function<void(QPainter&, const QSize&)>;

// Renders at the on-screen size; PNG at twice the pixels so that a figure
// dropped into a paper stays sharp.
QString write_figure(const Draw& draw, QSize size, const QString& title, const QString& path, const QString& suffix)
{
    if (size.isEmpty()) size = QSize(800, 500);
    if (suffix == "png") {
        QImage image(size * 2, QImage::Format_ARGB32);
        image.fill(Qt::white);
        image.setDevicePixelRatio(2.0);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        draw(painter, size);
        painter.end();
        return image.save(path, "PNG") ? QString() : QStringLiteral("cannot write PNG");
    }
    if (suffix == "svg") {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(title);
        QPainter painter;
        if (!painter.begin(&svg)) return QStringLiteral("cannot write SVG");
        draw(painter, size);
        painter.end();
        return {};
    }
    if (suffix == "pdf") {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QSizeF(size), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(72);  // one point per pixel: the page is the view's size
        QPainter painter;
        if (!painter.begin(&pdf)) return QStringLiteral("cannot write PDF");
        draw(painter, size);
        painter.end();
        return {};
    }
    return QStringLiteral("unknown format '%1' (use .png, .svg or .pdf)").arg(suffix);
}

// Writes beside the target and renames over it.
QString write_atomically(const Draw& draw, const QSize& size, const QString& title, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QString temp = path + ".part." + suffix;
    QString error = write_figure(draw, size, title, temp, suffix);
    if (error.isEmpty() && !QFileInfo(temp).exists()) error = QStringLiteral("nothing was written");
    if (error.isEmpty()) {
        QFile::remove(path);
        if (!QFile::rename(temp, path)) error = QStringLiteral("cannot replace the file");
    }
    QFile::remove(temp);
    return error.isEmpty() ? QString() : path + ": " + error;
}
}  // namespace

QString export_chart(QChartView* view, const QString& path)
{
    const Draw draw = [view](QPainter& painter, const QSize& size) {
        view->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    };
    return write_atomically(draw, view->size(), view->chart() ? view->chart()->title() : QString(), path);
}

QString export_widget(QWidget* widget, const QString& path)
{
    const Draw draw = [widget](QPainter& painter, const QSize&) { widget->render(&painter); };
    return write_atomically(draw, widget->size(), widget->windowTitle(), path);
}

void confirm_export(QWidget* from, const QString& path, const QString& error)
{
    if (!error.isEmpty()) {
        QMessageBox::warning(from, QObject::tr("Export failed"), error);
        return;
    }
    if (auto* window = qobject_cast<QMainWindow*>(from->window()))
        window->statusBar()->showMessage(QObject::tr("Saved %1").arg(QDir::toNativeSeparators(path)), 10000);
}

QString ask_export_path(QWidget* parent, const QString& title, const QString& suggested_stem)
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("export/lastDir")).toString();
    const QString stem = suggested_stem.isEmpty() ? QStringLiteral("chart") : suggested_stem;
    const QString path = QFileDialog::getSaveFileName(parent, title, dir + "/" + stem + ".png", chart_export_filter());
    if (!path.isEmpty()) settings.setValue(QStringLiteral("export/lastDir"), QFileInfo(path).absolutePath());
    return path;
}

QString chart_export_filter()
{
    return QStringLiteral("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)");
}

}  // namespace btsf::gui
