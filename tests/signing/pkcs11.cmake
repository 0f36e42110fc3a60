# PKCS#11 token layer: SoftHSM2 tokens created per test run, and a shim module that adds a real token's PIN
# retry counter and unplugging on top of SoftHSM.
add_library(govdesk_p11shim MODULE ${CMAKE_CURRENT_SOURCE_DIR}/p11shim/P11Shim.cpp)
set_target_properties(govdesk_p11shim PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF
  CXX_VISIBILITY_PRESET hidden)
target_include_directories(govdesk_p11shim PRIVATE ${P11KIT_INCLUDE_DIRS})
target_link_libraries(govdesk_p11shim PRIVATE ${CMAKE_DL_LIBS})

govdesk_add_test(tst_pkcs11 SOURCES tst_pkcs11.cpp
  LIBS govdesk_signing_pkcs11 govdesk_signing_test_support OpenSSL::Crypto LABELS signing TIMEOUT 300)
add_dependencies(tst_pkcs11 govdesk_p11shim)
target_compile_definitions(tst_pkcs11 PRIVATE GOVDESK_P11SHIM_PATH="$<TARGET_FILE:govdesk_p11shim>")
