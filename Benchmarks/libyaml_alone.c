/* libyaml alone: every event of each file parsed and dropped, the baseline pmlint is measured
 * against. One file after another, on one thread.
 *
 *     libyaml_alone FILE...
 *     libyaml_alone --list LIST      (LIST holds one path a line; "-" reads them from stdin)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static long events;

static int parse(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); return 2; }
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, file);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s: parse error\n", path);
            yaml_parser_delete(&parser);
            fclose(file);
            return 1;
        }
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
        if (done) break;
    }
    yaml_parser_delete(&parser);
    fclose(file);
    return 0;
}

int main(int argc, char **argv) {
    long files = 0;
    int status = 0;
    if (argc == 3 && strcmp(argv[1], "--list") == 0) {
        FILE *list = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "r");
        if (!list) { perror(argv[2]); return 2; }
        char *line = NULL;
        size_t capacity = 0;
        ssize_t length;
        while ((length = getline(&line, &capacity, list)) != -1) {
            while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) line[--length] = 0;
            if (length == 0) continue;
            int result = parse(line);
            if (result > status) status = result;
            files++;
        }
        free(line);
        if (list != stdin) fclose(list);
    } else if (argc >= 2 && argv[1][0] != '-') {
        for (int i = 1; i < argc; i++) {
            int result = parse(argv[i]);
            if (result > status) status = result;
            files++;
        }
    } else {
        fprintf(stderr, "usage: libyaml_alone FILE...\n       libyaml_alone --list LIST\n");
        return 2;
    }
    printf("%ld events in %ld files\n", events, files);
    return status;
}
