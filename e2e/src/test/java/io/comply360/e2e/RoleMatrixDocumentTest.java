package io.comply360.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.comply360.platform.testkit.RoleMatrix;

/** docs/roles.md (for people) and docs/roles.json (for the gateway and tests) must say the same thing. */
class RoleMatrixDocumentTest {

    private record Row(String method, String path, String service, String scope, Set<String> roles) {}

    @Test
    void markdownTableAndJsonAgree() throws Exception {
        RoleMatrix matrix = RoleMatrix.load();
        Path markdown = RoleMatrix.locate().resolveSibling("roles.md");
        List<Row> fromMarkdown = new ArrayList<>();
        List<String> header = null;
        for (String line : Files.readAllLines(markdown)) {
            if (!line.startsWith("|") || line.startsWith("|---")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                cells.add(cell.trim());
            }
            if (header == null) {
                header = cells;
                assertThat(header.subList(4, 4 + matrix.roles().size())).containsExactlyElementsOf(matrix.roles());
                continue;
            }
            Set<String> roles = new HashSet<>();
            for (int i = 0; i < matrix.roles().size(); i++) {
                if (cells.get(4 + i).equals("✓")) {
                    roles.add(matrix.roles().get(i));
                }
            }
            fromMarkdown.add(new Row(cells.get(0), cells.get(1), cells.get(2), cells.get(3), roles));
        }
        List<Row> fromJson = matrix.routes().stream()
                .map(r -> new Row(r.method(), r.path(), r.service(), r.scope().name(), r.roles()))
                .toList();
        assertThat(fromMarkdown).containsExactlyInAnyOrderElementsOf(fromJson);
    }

    @Test
    void everyRoleNamedByARouteIsARealmRole() {
        RoleMatrix matrix = RoleMatrix.load();
        assertThat(matrix.routes())
                .allSatisfy(route -> assertThat(matrix.roles()).containsAll(route.roles()));
        assertThat(matrix.roles())
                .containsExactly("platform_admin", "tenant_admin", "agent", "agent_assistant", "service");
    }

    @Test
    void noInternalRouteIsPublic() {
        assertThat(RoleMatrix.load().routes())
                .allSatisfy(route -> assertThat(route.path().startsWith("/internal/"))
                        .isEqualTo(route.scope() == RoleMatrix.Scope.internal));
    }
}
