/*
 * A Kafka-protocol broker for tests where no Docker engine is available: librdkafka's
 * built-in mock cluster (Debian librdkafka-dev), driven line by line over stdin.
 *
 *   argv[1]                 number of brokers (default 1)
 *   prints                  "READY <bootstrap servers>" once listening
 *   topic <name> <parts> [<replication>]   create a topic (the mock has no CreateTopics)
 *   down <broker id>        take a broker down (ids start at 1)
 *   up <broker id>          bring it back
 *   errors <apiKey> <err> <count>   fail the next <count> requests of that API with <err>
 *   quit                    stop
 * Each command answers "OK" or "ERR <reason>". EOF on stdin stops the broker too, so it
 * never outlives the test that started it.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int brokers = argc > 1 ? atoi(argv[1]) : 1;
  char errstr[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
  if (!rk) { fprintf(stderr, "rd_kafka_new: %s\n", errstr); return 1; }
  rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, brokers);
  if (!mc) { fprintf(stderr, "mock cluster failed\n"); return 1; }
  printf("READY %s\n", rd_kafka_mock_cluster_bootstraps(mc));
  fflush(stdout);
  char line[1024];
  while (fgets(line, sizeof line, stdin)) {
    char cmd[64] = {0}, name[512] = {0};
    int a = 0, b = 0, c = 0;
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
    if (sscanf(line, "topic %511s %d %d", name, &a, &b) >= 2) {
      err = rd_kafka_mock_topic_create(mc, name, a, b > 0 ? b : 1);
    } else if (sscanf(line, "down %d", &a) == 1) {
      err = rd_kafka_mock_broker_set_down(mc, a);
    } else if (sscanf(line, "up %d", &a) == 1) {
      err = rd_kafka_mock_broker_set_up(mc, a);
    } else if (sscanf(line, "errors %d %d %d", &a, &b, &c) == 3) {
      rd_kafka_resp_err_t *errs = calloc(c, sizeof(*errs));
      for (int i = 0; i < c; i++) errs[i] = (rd_kafka_resp_err_t)b;
      rd_kafka_mock_push_request_errors_array(mc, (int16_t)a, c, errs);
      free(errs);
    } else if (sscanf(line, "%63s", cmd) == 1 && strcmp(cmd, "quit") == 0) {
      break;
    } else {
      printf("ERR unknown command\n"); fflush(stdout); continue;
    }
    if (err) printf("ERR %s\n", rd_kafka_err2str(err)); else printf("OK\n");
    fflush(stdout);
  }
  rd_kafka_mock_cluster_destroy(mc);
  rd_kafka_destroy(rk);
  return 0;
}
