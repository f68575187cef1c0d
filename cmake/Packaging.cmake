# `cpack` in the build folder makes a Debian package of what `cmake --install` puts in
# place. Its dependencies come from dpkg-shlibdeps, so they follow the Qt, SQLite,
# libarchive and expat the binaries were really linked against.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME taxonomist)
set(CPACK_PACKAGE_VENDOR "Taxonomist")
set(CPACK_PACKAGE_CONTACT "Taxonomist maintainers <maintainers@taxonomist.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "A desktop workbench and command line (taxo) for building a taxonomy from a corpus of\n"
    "posts by qualitative coding: import of Stack Exchange dumps, selection, sampling,\n"
    "blind coding by two coders, agreement, arbitration and paper-ready results.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY taxonomist)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# gzip: a fraction of xz's time on a 2-core builder, for a package of a few megabytes.
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
include(CPack)
