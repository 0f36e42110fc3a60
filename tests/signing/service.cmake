# The signing services end to end: govdesk-cli token/sign/verify on a SoftHSM2 token with the test PKI.
govdesk_add_test(tst_signing_cli SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_signing_cli.cpp
  LIBS govdesk_signing_test_support govdesk_signing govdesk_reports LABELS signing TIMEOUT 600)
target_compile_definitions(tst_signing_cli PRIVATE GOVDESK_P11SHIM_PATH="$<TARGET_FILE:govdesk_p11shim>")
add_dependencies(tst_signing_cli govdesk-cli govdesk_p11shim)
