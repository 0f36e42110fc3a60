# Crypto layer: CAdES building (checked independently with OpenSSL's CMS verifier), RFC 3161 timestamps,
# certificate decoding, trust anchors and CMS verification with OCSP/CRL, against the test PKI served by a
# local TSA/OCSP/CRL server.
foreach(test tst_cades tst_certverify)
  govdesk_add_test(${test} SOURCES ${test}.cpp
    LIBS govdesk_signing_crypto govdesk_signing_test_support OpenSSL::Crypto LABELS signing TIMEOUT 300)
endforeach()
