# Install rules for desktop integration and CPack settings for a Debian package.
# Included once, at the end of the top-level CMakeLists.txt, after every target exists.
#
#   cmake --build build && (cd build && cpack -G DEB)   ->  build/btsf-workbench_<version>_<arch>.deb
#
# CPACK_DEBIAN_PACKAGE_SHLIBDEPS runs dpkg-shlibdeps (package dpkg-dev) on the installed
# programs to compute the Depends line. It fails when a linked library does not come from a
# Debian package (for example a LibTorch unpacked from a pip wheel); configure with
# -DBTSF_DEB_SHLIBDEPS=OFF for such builds and fill in the dependencies by hand.

include(GNUInstallDirs)

set(_btsf_app_id io.github.btsf.Workbench)
set(_btsf_res ${PROJECT_SOURCE_DIR}/resources)

# ---------------------------------------------------------------------------------------------
# Desktop integration (only with the GUI: the CLI-only package carries no launcher).
# The app/workbench CMakeLists.txt installs the btsf-workbench executable itself.
if(BTSF_BUILD_GUI)
  # The desktop file is installed under the AppStream id so that the metainfo's
  # <launchable type="desktop-id"> and the Wayland app id match it.
  install(FILES ${_btsf_res}/btsf-workbench.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications
          RENAME ${_btsf_app_id}.desktop)
  install(FILES ${_btsf_res}/${_btsf_app_id}.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES ${_btsf_res}/icons/btsf-workbench.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  foreach(_size 48 128 256)
    install(FILES ${_btsf_res}/icons/btsf-workbench-${_size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${_size}x${_size}/apps
            RENAME btsf-workbench.png)
  endforeach()
endif()

# ---------------------------------------------------------------------------------------------
# CPack: one binary .deb.
option(BTSF_DEB_SHLIBDEPS "Compute the .deb dependencies with dpkg-shlibdeps" ON)
set(BTSF_PACKAGE_MAINTAINER "BTSF Workbench maintainers <maintainers@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME btsf-workbench)
set(CPACK_PACKAGE_VENDOR "BTSF Workbench contributors")
set(CPACK_PACKAGE_VERSION ${CMAKE_PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${BTSF_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Workbench for BTSF self-supervised time-series representations")
set(CPACK_PACKAGE_DESCRIPTION
    "Trains Bilinear Temporal-Spectral Fusion (BTSF) encoders on unlabelled time series
and measures what they learned with classification probes, next to the raw input and an
untrained encoder as baselines. Reads the UCR and UEA archive formats (.ts, .tsv, .arff)
and ships built-in demo datasets. Contains the btsf-cli command-line tool and, when built
with Qt, the btsf-workbench desktop application.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)   # RelWithDebInfo binaries would otherwise carry their debug info

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)   # <name>_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${BTSF_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ${BTSF_DEB_SHLIBDEPS})
# Without OpenBLAS, LibTorch falls back to the reference BLAS, which is about 30x slower.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libopenblas0-pthread")
if(BTSF_BUILD_GUI)
  # dpkg-shlibdeps sees only linked libraries, not the plugins Qt loads at run time:
  # the xcb platform plugin (qt6-qpa-plugins) and the SVG icon engine (libqt6svg6).
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
  string(APPEND CPACK_DEBIAN_PACKAGE_RECOMMENDS ", qt6-wayland")
endif()

# `cmake --build build --target package_source`: a tarball without build trees and run output.
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/runs/" "/bench/runs/" "/bench/sweeps/"
    "__pycache__")
# CPACK_PACKAGING_INSTALL_PREFIX would put the source tarball's files under usr/; CPack reads
# this file once per generator run and keeps the /usr prefix for the .deb only.
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_BINARY_DIR}/BtsfCPackOptions.cmake)
file(WRITE ${CPACK_PROJECT_CONFIG_FILE}
     "if(NOT CPACK_GENERATOR STREQUAL \"DEB\")\n  unset(CPACK_PACKAGING_INSTALL_PREFIX)\nendif()\n")

include(CPack)
