// Hostile HTTP clients against the real atelier-service binary: slowloris, slow readers,
// oversized heads and bodies, odd methods and versions and garbage bytes, each beside a good
// citizen whose requests must keep succeeding.
#include <random>
#include <string>
#include <vector>

#include "tests/faults/hostile_fixture.hpp"

namespace atelier::testing::hostile {
namespace {

constexpr int slow_readers = 20;
constexpr int slowloris_connections = 300;
constexpr milliseconds slowloris_byte_interval{1500};
constexpr milliseconds slowloris_poll_interval{100};  // how precisely close times are seen

/// Opens the slowloris connections: even ones start a head that never ends, odd ones send a
/// complete head announcing a body that never arrives.
std::vector<raw_connection> open_slowloris(unsigned short port,
                                           std::vector<clock_type::time_point>& opened) {
  std::vector<raw_connection> connections;
  for (int i = 0; i < slowloris_connections; ++i) {
    connections.emplace_back(port);
    opened.push_back(clock_type::now());
    connections.back().send(i % 2 == 0 ? "GET /products/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                       : "POST /products/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                         "Content-Length: 1000\r\n\r\n");
  }
  return connections;
}

TEST_F(hostile_http, slowloris_connections_are_closed_by_the_read_timeout) {
  run_scenario(
      "slowloris (300 conns, 1 head or body byte/1.5 s)",
      "each closed within [read timeout 3 s - 0.2 s, + 2 s]; citizen 0 errors, p99 <= 500 ms", [&] {
        attack_tally tally;
        std::vector<clock_type::time_point> opened;
        std::vector<raw_connection> connections = open_slowloris(port(), opened);
        std::vector<milliseconds> lived(connections.size(), milliseconds(-1));
        std::size_t open_count = connections.size();
        const auto give_up = clock_type::now() + read_timeout + timer_slack * 2;
        auto next_byte = clock_type::now() + slowloris_byte_interval;
        while (open_count > 0 && clock_type::now() < give_up) {
          const bool trickle = clock_type::now() >= next_byte;
          if (trickle) next_byte += slowloris_byte_interval;
          for (std::size_t i = 0; i < connections.size(); ++i) {
            if (lived[i].count() >= 0) continue;
            // one more header or body byte: the request never completes
            if (connections[i].closed_now() || (trickle && !connections[i].send("X"))) {
              lived[i] = std::chrono::duration_cast<milliseconds>(clock_type::now() - opened[i]);
              --open_count;
            }
          }
          std::this_thread::sleep_for(slowloris_poll_interval);
        }
        milliseconds shortest = read_timeout * 10, longest{0};
        for (auto span : lived) {
          if (span.count() < 0) continue;
          shortest = std::min(shortest, span);
          longest = std::max(longest, span);
        }
        tally.requests = connections.size();
        tally.wrong = open_count;
        tally.detail = "lived " + std::to_string(shortest.count()) + ".." +
                       std::to_string(longest.count()) + " ms";
        // closed by the timer meant for them: not earlier (trickling resets nothing), not later
        EXPECT_GE(shortest, read_timeout - milliseconds(200)) << tally.detail;
        EXPECT_LE(longest, read_timeout + timer_slack) << tally.detail;
        return tally;
      });
}

TEST_F(hostile_http, clients_that_stop_reading_are_closed_by_the_write_timeout) {
  run_scenario(
      "slow readers (20 conns, 16 pipelined 1000-product pages, never read)",
      "service fds back to baseline <= write timeout 3 s + 2 s after the writes stall", [&] {
        attack_tally tally;
        const long fds_before = cluster_->service_open_fds();
        std::string pipelined;
        for (int i = 0; i < 16; ++i) pipelined += get_request("/products?page=1&count=1000");
        std::vector<raw_connection> readers;
        for (int i = 0; i < slow_readers; ++i) {
          readers.emplace_back(port(), reply_timeout, 4096);
          readers.back().send(pipelined);
          tally.requests += 16;
        }
        // the answers (~6 MB per connection) fill the socket buffers within a moment; from then on
        // each write waits for a reader that never reads
        const auto stalled = clock_type::now();
        const bool held =
            eventually([&] { return cluster_->service_open_fds() >= fds_before + slow_readers; },
                       milliseconds(1000));
        const bool released =
            eventually([&] { return cluster_->service_open_fds() <= fds_before + fd_slack; },
                       write_timeout + timer_slack);
        const auto took = std::chrono::duration_cast<milliseconds>(clock_type::now() - stalled);
        EXPECT_TRUE(released) << "service fds " << cluster_->service_open_fds() << ", before "
                              << fds_before;
        if (!released) tally.wrong = slow_readers;
        tally.detail = std::string(held ? "" : "(connections were never all seen open) ") +
                       "released after " + std::to_string(took.count()) + " ms";
        // released too early would mean the writes never stalled: the test would prove nothing
        EXPECT_GE(took, write_timeout - milliseconds(500)) << tally.detail;
        return tally;
      });
}

TEST_F(hostile_http, oversized_head_target_and_body_get_431_414_413) {
  run_scenario(
      "oversized header / URL / body",
      "16 KiB header -> 431 + close; 4 KiB target -> 414; 4 KiB body -> 413 + close; "
      "limits not stricter than documented",
      [&] {
        attack_tally tally;
        for (int i = 0; i < 20; ++i) {
          raw_connection header(port());
          expect_answer(tally, header,
                        get_request("/products/1", "X-Filler: " + std::string(16384, 'h') + "\r\n"),
                        431, true, "16 KiB header");
          raw_connection target(port());
          expect_answer(tally, target, get_request("/products/1?" + std::string(4096, 't')), 414,
                        false, "4 KiB target");
          // the 414 was a complete request: the connection still serves the next one
          expect_answer(tally, target, get_request("/products/2"), 200, false, "GET after 414");
          raw_connection body(port());
          expect_answer(tally, body,
                        "POST /products/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                        "4096\r\n\r\n" +
                            std::string(4096, 'b'),
                        413, true, "4 KiB body");
        }
        // just under each limit is still served: the limits are the documented ones
        raw_connection near(port());
        expect_answer(tally, near,
                      get_request("/products/1",
                                  "X-Filler: " + std::string(max_header_bytes - 512, 'h') + "\r\n"),
                      200, false, "header just under the limit");
        expect_answer(tally, near,
                      get_request("/products/1?" + std::string(max_target_bytes - 64, 't')), 200,
                      false, "target just under the limit");
        return tally;
      });
}

TEST_F(hostile_http, unexpected_and_malformed_bodies_are_bounded) {
  run_scenario(
      "unexpected / malformed bodies",
      "small GET body ignored, next request intact; 100 KiB chunked -> 413; bad or conflicting "
      "framing -> 400 + close",
      [&] {
        attack_tally tally;
        raw_connection small(port());
        // RFC 9110 9.3.1: content on GET has no meaning; it is read and dropped, and must not be
        // taken for the next request
        expect_answer(tally, small,
                      "GET /products/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20\r\n\r\n"
                      "GET /smuggled HTTP/1",
                      200, false, "small body on GET");
        expect_answer(tally, small, get_request("/products/2"), 200, false, "GET after a body");
        raw_connection chunked(port());
        std::string chunks;
        for (int i = 0; i < 100; ++i) chunks += "400\r\n" + std::string(1024, 'c') + "\r\n";
        expect_answer(tally, chunked,
                      "GET /products/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: "
                      "chunked\r\n\r\n" +
                          chunks + "0\r\n\r\n",
                      413, true, "100 KiB chunked body");
        raw_connection bad_length(port());
        expect_answer(tally, bad_length,
                      "GET /products/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n",
                      400, true, "Content-Length: abc");
        raw_connection both(port());
        // RFC 9112 6.1: both framings is a smuggling attempt; reject and close
        expect_answer(tally, both,
                      "POST /products/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                      400, true, "Content-Length with chunked");
        raw_connection twice(port());
        expect_answer(tally, twice,
                      "POST /products/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n"
                      "Content-Length: 2\r\n\r\nab",
                      400, true, "two Content-Lengths");
        return tally;
      });
}

TEST_F(hostile_http, invalid_methods_get_405_501_or_400) {
  run_scenario("invalid methods",
               "DELETE/POST -> 405 + Allow; unknown token -> 501; non-token -> 400 + close", [&] {
                 attack_tally tally;
                 for (const char* method : {"DELETE", "POST", "PUT", "PATCH"}) {
                   raw_connection connection(port());
                   ++tally.requests;
                   connection.send(std::string(method) +
                                   " /products/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                   "Content-Length: 0\r\n\r\n");
                   raw_reply reply = connection.read_reply(reply_timeout);
                   if (reply.status != 405 || reply.header("Allow") != "GET, HEAD, OPTIONS") {
                     ++tally.wrong;
                     ADD_FAILURE() << method << ": " << reply.head;
                   }
                 }
                 for (const char* method : {"BREW", "get", "FOO-BAR"}) {
                   raw_connection connection(port());
                   expect_answer(tally, connection,
                                 std::string(method) + " /products/1 HTTP/1.1\r\nHost: x\r\n\r\n",
                                 501, false, std::string("method ") + method);
                 }
                 for (const char* request : {"G@T /products/1 HTTP/1.1\r\nHost: x\r\n\r\n",
                                             "GET\t/products/1 HTTP/1.1\r\nHost: x\r\n\r\n",
                                             " GET /products/1 HTTP/1.1\r\nHost: x\r\n\r\n"}) {
                   raw_connection connection(port());
                   expect_answer(tally, connection, request, 400, true, "malformed request line");
                 }
                 return tally;
               });
}

TEST_F(hostile_http, http10_and_odd_versions) {
  run_scenario(
      "HTTP/1.0, no Host, HTTP/2",
      "1.0 answered in 1.0 and closed; 1.0 keep-alive kept; 1.1 without Host -> 400; 2.0 -> 505",
      [&] {
        attack_tally tally;
        raw_connection plain(port());
        ++tally.requests;
        plain.send("GET /products/1 HTTP/1.0\r\n\r\n");
        raw_reply first = plain.read_reply(reply_timeout);
        bool right = first.status == 200 && first.version() == "HTTP/1.0" &&
                     (first.closed || plain.wait_closed(reply_timeout));
        if (!right) ++tally.wrong;
        EXPECT_TRUE(right) << first.head;
        raw_connection kept(port());
        for (int i = 0; i < 3; ++i) {
          ++tally.requests;
          kept.send("GET /products/1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
          raw_reply reply = kept.read_reply(reply_timeout);
          bool alive =
              reply.status == 200 && !reply.closed && reply.header("Connection") == "keep-alive";
          if (!alive) ++tally.wrong;
          EXPECT_TRUE(alive) << i << ": " << reply.head;
        }
        raw_connection hostless(port());
        // RFC 9112 3.2: a 1.1 request without exactly one Host is a 400
        expect_answer(tally, hostless, "GET /products/1 HTTP/1.1\r\n\r\n", 400, true, "no Host");
        raw_connection two_hosts(port());
        expect_answer(tally, two_hosts, "GET /products/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                      400, true, "two Hosts");
        raw_connection two(port());
        expect_answer(tally, two, get_request("/products/1", "", "HTTP/2.0"), 505, true,
                      "HTTP/2.0 request line");
        raw_connection preface(port());
        expect_answer(tally, preface, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, true,
                      "h2 prior-knowledge preface");
        return tally;
      });
}

TEST_F(hostile_http, garbage_and_tls_at_the_plain_port_get_400_and_close) {
  run_scenario("garbage bytes / TLS handshake", "each -> 400 + close", [&] {
    attack_tally tally;
    // a TLS 1.2/1.3 ClientHello's first bytes: record type 0x16, version 3.1, then the handshake
    const std::string client_hello("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
    std::mt19937 random(20261126);
    for (int i = 0; i < 50; ++i) {
      std::string garbage(1024, '\0');
      for (char& byte : garbage) byte = static_cast<char>(random());
      raw_connection noise(port());
      expect_answer(tally, noise, garbage, 400, true, "1 KiB random bytes");
      raw_connection tls(port());
      expect_answer(tally, tls, client_hello + std::string(500, '\x2a'), 400, true,
                    "TLS ClientHello");
    }
    raw_connection endless(port());
    // a request line that never ends is bounded by the header limit, not by memory
    expect_answer(tally, endless, "GET /" + std::string(64 * 1024, 'a'), 431, true,
                  "64 KiB request line");
    return tally;
  });
}

}  // namespace
}  // namespace atelier::testing::hostile
