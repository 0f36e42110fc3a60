// Removed once the fixtures exist.
namespace govdesk::signing::testing {
}
