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
# What Debian policy asks of every package: the copyright file, the changelog (gzip -9n, no
# timestamp, so two builds give the same bytes) and a manual page per program, made from its
# --help by help2man (the workbench answers --help without a display).
set(_btsf_doc ${CMAKE_INSTALL_DATADIR}/doc/btsf-workbench)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/debian/copyright DESTINATION ${_btsf_doc})
set(_btsf_pkg ${PROJECT_BINARY_DIR}/packaging)
add_custom_command(OUTPUT ${_btsf_pkg}/changelog.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${_btsf_pkg}
  COMMAND sh -c "gzip -9n -c '${PROJECT_SOURCE_DIR}/packaging/debian/changelog' > '${_btsf_pkg}/changelog.gz'"
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/debian/changelog VERBATIM)
set(_btsf_package_files ${_btsf_pkg}/changelog.gz)
install(FILES ${_btsf_pkg}/changelog.gz DESTINATION ${_btsf_doc})

find_program(BTSF_HELP2MAN help2man)
if(BTSF_HELP2MAN)
  set(_btsf_manpages btsf-cli "headless training and evaluation of BTSF time-series encoders")
  if(BTSF_BUILD_GUI)
    list(APPEND _btsf_manpages btsf-workbench "desktop workbench for BTSF time-series representations")
  endif()
  while(_btsf_manpages)
    list(POP_FRONT _btsf_manpages _program _name)
    add_custom_command(OUTPUT ${_btsf_pkg}/${_program}.1.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${_btsf_pkg}
      COMMAND ${BTSF_HELP2MAN} --no-info --section=1 --name=${_name} --output=${_btsf_pkg}/${_program}.1
              $<TARGET_FILE:${_program}>
      COMMAND gzip -9nf ${_btsf_pkg}/${_program}.1
      DEPENDS ${_program} VERBATIM)
    list(APPEND _btsf_package_files ${_btsf_pkg}/${_program}.1.gz)
    install(FILES ${_btsf_pkg}/${_program}.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endwhile()
else()
  message(STATUS "help2man not found: the package gets no manual pages (apt-get install help2man)")
endif()
add_custom_target(btsf_package_files ALL DEPENDS ${_btsf_package_files})

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
# Lines under 80 columns: dpkg shows the description as it is written here.
set(CPACK_PACKAGE_DESCRIPTION
    "Trains Bilinear Temporal-Spectral Fusion (BTSF) and TS2Vec encoders on
unlabelled time series and measures what they learned: classification probes,
forecasting and anomaly detection, beside the raw input, an untrained encoder
and MiniRocket as baselines. Reads the UCR/UEA, ETT, NAB and SMAP/MSL formats
and ships built-in demos. Contains the btsf-cli command-line tool (with
data-parallel training over c10d) and the btsf-workbench desktop window.")
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
  # the xcb platform plugin (qt6-qpa-plugins). The SVG icon engine is in libqt6svg6, which
  # the programs link, so dpkg-shlibdeps lists it already.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
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
