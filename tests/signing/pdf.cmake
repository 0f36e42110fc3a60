# PDF layer: incremental-update signing checked with pdfsig and qpdf --check, signature appearances checked
# by rendering the page (Poppler) and extracting its text (pdftotext), reading signatures and the DSS back.
govdesk_add_test(tst_pdfsigner SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_pdfsigner.cpp
  LIBS govdesk_signing govdesk_signing_test_support OpenSSL::Crypto PkgConfig::POPPLER_QT6 Qt6::Gui
  LABELS signing TIMEOUT 300)
govdesk_add_test(tst_pdfappearance SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_pdfappearance.cpp
  LIBS govdesk_signing_pdf govdesk_signing_test_support PkgConfig::POPPLER_QT6 Qt6::Gui LABELS signing
  TIMEOUT 300)
