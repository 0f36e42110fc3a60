// Removed once the layer has its own sources.
namespace govdesk::signing {
}
