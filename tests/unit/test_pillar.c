/* test_pillar.c - the pillar term list: loading, names, and the headings
 * that name a pillar (the Chinese structure rule's test), in both
 * languages. The headings are the clippings' and our own. */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "polidex/pillar.h"
#include "polidex/util.h"

int main(void)
{
	const pdx_pillar_terms *t = pillar_terms_builtin();
	T_OK(t != NULL, "the built-in term list parses");
	if (!t)
		return t_done();
	T_STR(pillar_name(t, 1, "en"), "Accelerate AI Innovation", "pillar I in English");
	T_STR(pillar_name(t, 2, "zh"), "建设美国AI基础设施", "pillar II in Chinese");
	T_STR(pillar_name(t, 3, "en"), "Lead in International AI Diplomacy and Security",
	      "pillar III in English");
	T_OK(pillar_name(t, 4, "en") == NULL, "no pillar 4");

	static const struct { const char *heading; int want; } cases[] = {
		{ "基础设施升级：从芯片到电网全链条部署", 2 },
		{ "基础设施升级:从芯片到电网全链条部署", 2 },
		{ "技术外交与出口：打造“AI联盟”", 3 },
		{ "人才、工人与再培训：构建AI劳动力护城河", 1 },
		{ "去监管化，强化市场主导", 1 },
		{ "建设AI基础设施(Build American AI Infrastructure)", 2 },
		{ "引领国际AI外交与安全(Lead in International AI Diplomacy and Security)", 3 },
		/* speaks of all three: no one pillar */
		{ "三大支柱：创新、建设、引领", 0 },
		{ "启动执行路线图，明确牵头部门", 0 },
		{ "雇主与申请人的应对建议", 0 },
		{ "Data center permitting and the electric grid", 2 },
		{ "Export controls and allies", 3 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		T_INT(pillar_heading_names(t, cases[i].heading), cases[i].want, "heading '%s'",
		      cases[i].heading);

	char err[256] = "";
	pdx_pillar_terms *mine = NULL;
	static const char ok[] =
		"{\"pillars\":[{\"pillar\":1,\"name\":{\"en\":\"A\",\"zh\":\"甲\"},\"terms\":[\"alpha\"]},"
		"{\"pillar\":2,\"name\":{\"en\":\"B\",\"zh\":\"乙\"},\"terms\":[\"beta\"]},"
		"{\"pillar\":3,\"name\":{\"en\":\"C\",\"zh\":\"丙\"}}]}";
	T_INT(pillar_terms_load(&mine, ok, strlen(ok), err, sizeof err), PDX_OK, "a small list loads");
	T_INT(pillar_heading_names(mine, "Beta testing"), 2, "its terms name pillars, case aside");
	pillar_terms_free(mine);
	static const char bad[] = "{\"pillars\":[{\"pillar\":1,\"name\":{\"en\":\"A\",\"zh\":\"甲\"}}]}";
	T_INT(pillar_terms_load(&mine, bad, strlen(bad), err, sizeof err), PDX_EFORMAT,
	      "a list missing a pillar is refused");
	T_STR(err, "pillar 2 is missing", "and says which");
	static const char notjson[] = "{";
	T_INT(pillar_terms_load(&mine, notjson, 1, err, sizeof err), PDX_EFORMAT, "not JSON");
	pillar_terms_free(NULL);
	return t_done();
}
