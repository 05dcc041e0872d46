// The generator's own small PRNG (splitmix64 seeding xoshiro256**), identical on every platform.
#pragma once

#include <cstdint>

namespace atelier::generator {

/// One step of splitmix64: advances `state` and returns a well-mixed 64-bit value.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  state += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// Independent random streams, one per (seed, stream, entity index), so each output file can be
/// written on its own thread and still be byte-identical for a seed. Not thread-safe per object;
/// each thread owns its own instances.
enum class stream_tag : std::uint64_t {
  product = 1,
  feature = 2,
  related = 3,
  style = 4,
  sku = 5,
  photo = 6,
  plan = 7,
};

/// xoshiro256** with helpers that use only integer arithmetic (std:: distributions are
/// implementation-defined and would break cross-platform determinism).
class prng {
 public:
  /// Seeds the state from `seed` alone.
  explicit prng(std::uint64_t seed) {
    std::uint64_t mix = seed;
    for (auto& word : state_) word = splitmix64(mix);
  }

  /// Seeds an independent stream for one entity (e.g. product index 17 of the feature stream).
  prng(std::uint64_t seed, stream_tag tag, std::uint64_t index)
      : prng(seed ^ (static_cast<std::uint64_t>(tag) * 0xD1B54A32D192ED03ULL) ^
             (index * 0x8CB92BA72F3D8DD7ULL + 0x632BE59BD9B4E019ULL)) {}

  /// Next raw 64-bit value.
  std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  /// Uniform value in [0, bound) by multiply-high (bias < 2^-32 for our small bounds). bound > 0.
  std::uint32_t below(std::uint32_t bound) {
    const std::uint64_t high = next() >> 32;
    return static_cast<std::uint32_t>((high * bound) >> 32);
  }

  /// Uniform value in [low, high], inclusive. Requires low <= high.
  std::uint32_t between(std::uint32_t low, std::uint32_t high) {
    return low + below(high - low + 1);
  }

  /// True with probability ppm / 1,000,000.
  bool chance_ppm(std::uint32_t ppm) { return below(1'000'000) < ppm; }

  /// Picks one element of a non-empty array.
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(static_cast<std::uint32_t>(N))];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  std::uint64_t state_[4];
};

}  // namespace atelier::generator
