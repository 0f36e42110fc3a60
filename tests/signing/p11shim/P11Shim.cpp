// Test-only PKCS#11 module that forwards every call to a real module (path in GOVDESK_P11SHIM_TARGET, e.g.
// SoftHSM2) and behaves like a Ban Cơ yếu USB token where SoftHSM does not:
//   - a user PIN retry counter starting at 3: a wrong PIN decrements it, a good login resets it; the token
//     reports CKF_USER_PIN_COUNT_LOW after a failure, CKF_USER_PIN_FINAL_TRY when one try is left and
//     CKF_USER_PIN_LOCKED at zero, after which C_Login returns CKR_PIN_LOCKED even with the right PIN;
//   - the token can be "unplugged": with present=0 no slot has a token and calls on it fail as on a real
//     reader (CKR_TOKEN_NOT_PRESENT / CKR_DEVICE_REMOVED); with unplugAtSign=1 the token is pulled out at
//     the first C_SignInit, after the login, as a user pulling it out in the middle of signing.
// State lives in the text file named by GOVDESK_P11SHIM_STATE ("tries=3\nlogins=0\npresent=1\n"), so tests
// can read the number of C_Login(CKU_USER) calls and change the state from outside.

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include <dlfcn.h>
#include <p11-kit/pkcs11.h>

namespace {

struct State
{
    long tries = 3;
    long logins = 0;
    long present = 1;
    long unplugAtSign = 0;
};

std::mutex g_mutex;
CK_FUNCTION_LIST g_list;
CK_FUNCTION_LIST_PTR g_target = nullptr;

const char *statePath()
{
    const char *p = std::getenv("GOVDESK_P11SHIM_STATE");
    return (p && *p) ? p : nullptr;
}

State readState()
{
    State s;
    const char *path = statePath();
    if (!path)
        return s;
    FILE *f = std::fopen(path, "r");
    if (!f)
        return s;
    char line[128];
    while (std::fgets(line, sizeof line, f)) {
        long v = 0;
        if (std::sscanf(line, "tries=%ld", &v) == 1)
            s.tries = v;
        else if (std::sscanf(line, "logins=%ld", &v) == 1)
            s.logins = v;
        else if (std::sscanf(line, "present=%ld", &v) == 1)
            s.present = v;
        else if (std::sscanf(line, "unplugAtSign=%ld", &v) == 1)
            s.unplugAtSign = v;
    }
    std::fclose(f);
    return s;
}

void writeState(const State &s)
{
    const char *path = statePath();
    if (!path)
        return;
    const std::string tmp = std::string(path) + ".tmp";
    FILE *f = std::fopen(tmp.c_str(), "w");
    if (!f)
        return;
    std::fprintf(f, "tries=%ld\nlogins=%ld\npresent=%ld\nunplugAtSign=%ld\n", s.tries, s.logins, s.present,
                 s.unplugAtSign);
    std::fclose(f);
    std::rename(tmp.c_str(), path);
}

bool present()
{
    std::lock_guard lock(g_mutex);
    return readState().present != 0;
}

CK_RV shimGetSlotList(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR list, CK_ULONG_PTR count)
{
    if (tokenPresent && !present()) {
        if (!count)
            return CKR_ARGUMENTS_BAD;
        *count = 0;
        return CKR_OK;
    }
    return g_target->C_GetSlotList(tokenPresent, list, count);
}

CK_RV shimGetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info)
{
    State s;
    {
        std::lock_guard lock(g_mutex);
        s = readState();
    }
    if (!s.present)
        return CKR_TOKEN_NOT_PRESENT;
    const CK_RV rv = g_target->C_GetTokenInfo(slot, info);
    if (rv != CKR_OK)
        return rv;
    info->flags &= ~(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
    if (s.tries <= 0)
        info->flags |= CKF_USER_PIN_LOCKED;
    else if (s.tries == 1)
        info->flags |= CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY;
    else if (s.tries < 3)
        info->flags |= CKF_USER_PIN_COUNT_LOW;
    return CKR_OK;
}

CK_RV shimLogin(CK_SESSION_HANDLE session, CK_USER_TYPE userType, CK_UTF8CHAR_PTR pin, CK_ULONG pinLen)
{
    if (userType != CKU_USER)
        return g_target->C_Login(session, userType, pin, pinLen);
    std::lock_guard lock(g_mutex);
    State s = readState();
    ++s.logins;
    CK_RV rv;
    if (!s.present) {
        rv = CKR_DEVICE_REMOVED;
    } else if (s.tries <= 0) {
        rv = CKR_PIN_LOCKED;
    } else {
        rv = g_target->C_Login(session, userType, pin, pinLen);
        if (rv == CKR_PIN_INCORRECT)
            --s.tries;
        else if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN)
            s.tries = 3;
    }
    writeState(s);
    return rv;
}

CK_RV shimOpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR app, CK_NOTIFY notify,
                      CK_SESSION_HANDLE_PTR session)
{
    if (!present())
        return CKR_TOKEN_NOT_PRESENT;
    return g_target->C_OpenSession(slot, flags, app, notify, session);
}

CK_RV shimFindObjectsInit(CK_SESSION_HANDLE session, CK_ATTRIBUTE_PTR tmpl, CK_ULONG count)
{
    if (!present())
        return CKR_DEVICE_REMOVED;
    return g_target->C_FindObjectsInit(session, tmpl, count);
}

CK_RV shimSignInit(CK_SESSION_HANDLE session, CK_MECHANISM_PTR mechanism, CK_OBJECT_HANDLE key)
{
    {
        std::lock_guard<std::mutex> lock(g_mutex);
        State s = readState();
        if (s.unplugAtSign) {
            s.unplugAtSign = 0;
            s.present = 0;
            writeState(s);
        }
    }
    if (!present())
        return CKR_DEVICE_REMOVED;
    return g_target->C_SignInit(session, mechanism, key);
}

CK_RV shimSign(CK_SESSION_HANDLE session, CK_BYTE_PTR data, CK_ULONG dataLen, CK_BYTE_PTR sig,
               CK_ULONG_PTR sigLen)
{
    if (!present())
        return CKR_DEVICE_REMOVED;
    return g_target->C_Sign(session, data, dataLen, sig, sigLen);
}

} // namespace

extern "C" __attribute__((visibility("default"))) CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list)
{
    if (!list)
        return CKR_ARGUMENTS_BAD;
    std::lock_guard lock(g_mutex);
    if (!g_target) {
        const char *target = std::getenv("GOVDESK_P11SHIM_TARGET");
        if (!target || !*target)
            return CKR_GENERAL_ERROR;
        void *handle = dlopen(target, RTLD_NOW | RTLD_LOCAL);
        if (!handle)
            return CKR_GENERAL_ERROR;
        auto get = reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle, "C_GetFunctionList"));
        CK_FUNCTION_LIST_PTR target_list = nullptr;
        if (!get || get(&target_list) != CKR_OK || !target_list)
            return CKR_GENERAL_ERROR;
        // The target stays loaded for the life of the process.
        g_target = target_list;
        std::memcpy(&g_list, g_target, sizeof g_list);
        g_list.C_GetFunctionList = C_GetFunctionList;
        g_list.C_GetSlotList = shimGetSlotList;
        g_list.C_GetTokenInfo = shimGetTokenInfo;
        g_list.C_Login = shimLogin;
        g_list.C_OpenSession = shimOpenSession;
        g_list.C_FindObjectsInit = shimFindObjectsInit;
        g_list.C_SignInit = shimSignInit;
        g_list.C_Sign = shimSign;
    }
    *list = &g_list;
    return CKR_OK;
}
