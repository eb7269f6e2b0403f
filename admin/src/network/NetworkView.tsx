import Autocomplete from "@mui/material/Autocomplete";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Loading, Title, useDataProvider, useGetList, useRedirect, useTranslate } from "react-admin";
import type { SupplynetDataProvider } from "../dataProvider";
import { isZeroMoney, LEVELS, useFormats, useLevelLabel } from "../shared/format";
import type { Level, TreeNode } from "../types";

const COLUMN_WIDTH = 200;
const NODE_WIDTH = 172;
const NODE_HEIGHT = 38;
const ROW_HEIGHT = 46;
const MARGIN = 12;

const LEVEL_COLOURS: Record<Level, string> = {
  factory: "#1f3a5f",
  distributor: "#2e6f95",
  dealership: "#3c8d6e",
  retail_chain: "#8a6d1f",
  entrepreneur: "#8c4a6b",
};

interface PlacedNode {
  node: TreeNode;
  x: number;
  y: number;
  parent?: PlacedNode;
}

/**
 * A tidy layout for a layered tree: each level is a column, leaves take the next free row, and a parent sits
 * midway between its first and last child, so no two subtrees overlap and edges never cross.
 */
export function layoutTree(root: TreeNode): { nodes: PlacedNode[]; width: number; height: number } {
  const nodes: PlacedNode[] = [];
  let nextRow = 0;
  let depthReached = 0;
  const place = (node: TreeNode, depth: number, parent?: PlacedNode): PlacedNode => {
    depthReached = Math.max(depthReached, depth);
    const placed: PlacedNode = { node, x: MARGIN + depth * COLUMN_WIDTH, y: 0, parent };
    nodes.push(placed);
    if (node.children.length === 0) {
      placed.y = MARGIN + nextRow++ * ROW_HEIGHT;
    } else {
      const children = node.children.map((child) => place(child, depth + 1, placed));
      placed.y = ((children[0]?.y ?? 0) + (children[children.length - 1]?.y ?? 0)) / 2;
    }
    return placed;
  };
  place(root, 0);
  return {
    nodes,
    width: MARGIN * 2 + depthReached * COLUMN_WIDTH + NODE_WIDTH,
    height: MARGIN * 2 + Math.max(nextRow, 1) * ROW_HEIGHT,
  };
}

function truncate(text: string, length: number) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function TreePicture({ root }: { root: TreeNode }) {
  const redirect = useRedirect();
  const open = (id: number) => redirect("edit", "companies", id);
  const { nodes, width, height } = useMemo(() => layoutTree(root), [root]);
  const translate = useTranslate();
  const { money } = useFormats();
  const levelLabel = useLevelLabel();
  return (
    // width 0 + min-width 100%: the picture scrolls inside the card instead of widening the whole page.
    <Box
      sx={{
        width: 0,
        minWidth: "100%",
        overflow: "auto",
        maxHeight: "75vh",
        border: 1,
        borderColor: "divider",
        borderRadius: 1,
      }}
    >
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={translate("app.network.tree", { name: root.name })}
      >
        <g fill="none" stroke="#9aa5b1" strokeWidth={1.2}>
          {nodes.map(({ node, x, y, parent }) =>
            parent ? (
              <path
                key={`edge-${node.id}`}
                d={`M${parent.x + NODE_WIDTH},${parent.y + NODE_HEIGHT / 2} C${x - 20},${parent.y + NODE_HEIGHT / 2} ${x - 20},${y + NODE_HEIGHT / 2} ${x},${y + NODE_HEIGHT / 2}`}
              />
            ) : null,
          )}
        </g>
        {nodes.map(({ node, x, y }) => (
          // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it gets the role and keys.
          <g
            key={node.id}
            transform={`translate(${x},${y})`}
            role="button"
            tabIndex={0}
            style={{ cursor: "pointer" }}
            data-company-id={node.id}
            onClick={() => open(node.id)}
            onKeyDown={(event) => {
              if (event.key === "Enter") open(node.id);
            }}
          >
            <title>
              {translate("app.network.node", {
                name: node.name,
                level: levelLabel(node.level),
                debt: money(node.debt),
              })}
            </title>
            <rect
              width={NODE_WIDTH}
              height={NODE_HEIGHT}
              rx={6}
              fill="#fff"
              stroke={LEVEL_COLOURS[node.level]}
              strokeWidth={2}
            />
            <rect width={6} height={NODE_HEIGHT} rx={3} fill={LEVEL_COLOURS[node.level]} />
            <text x={12} y={15} fontSize={12} fontWeight={600} fill="#1a1a1a">
              {truncate(node.name, 24)}
            </text>
            <text x={12} y={31} fontSize={11} fill={isZeroMoney(node.debt) ? "#5f6b76" : "#b3261e"}>
              {node.level === "factory"
                ? translate("app.network.node_factory")
                : translate("app.network.node_debt", { debt: money(node.debt) })}
            </text>
          </g>
        ))}
      </svg>
    </Box>
  );
}

function countNodes(node: TreeNode): number {
  return 1 + node.children.reduce((sum, child) => sum + countNodes(child), 0);
}

export function NetworkView() {
  const dataProvider = useDataProvider<SupplynetDataProvider>();
  const [search, setSearch] = useState("");
  const [factoryId, setFactoryId] = useState<number | null>(null);
  const factories = useGetList("companies", {
    filter: { level: "factory", q: search || undefined },
    pagination: { page: 1, perPage: 50 },
    sort: { field: "name", order: "ASC" },
  });
  const chosenId = factoryId ?? (factories.data?.[0]?.id as number | undefined) ?? null;
  const tree = useQuery({
    queryKey: ["tree", chosenId],
    queryFn: () => dataProvider.getTree(chosenId as number),
    enabled: chosenId !== null,
  });
  const chosen = factories.data?.find((factory) => factory.id === chosenId) ?? null;
  const translate = useTranslate();
  const { count } = useFormats();
  const levelLabel = useLevelLabel();

  return (
    <Card sx={{ mt: 1 }}>
      <Title title="app.network.title" />
      <CardContent>
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 2, alignItems: "center", mb: 2 }}>
          <Autocomplete
            sx={{ width: 320, maxWidth: "100%" }}
            options={factories.data ?? []}
            value={chosen}
            getOptionLabel={(factory) => factory.name}
            isOptionEqualToValue={(option, value) => option.id === value.id}
            onChange={(_event, factory) => setFactoryId(factory ? (factory.id as number) : null)}
            onInputChange={(_event, text, reason) => {
              if (reason === "input") setSearch(text);
            }}
            renderInput={(params) => (
              <TextField {...params} label={translate("app.network.factory")} size="small" />
            )}
            // MUI's own words are English.
            noOptionsText={translate("ra.navigation.no_results")}
            loadingText={translate("ra.page.loading")}
            openText={translate("ra.action.open")}
            closeText={translate("ra.action.close")}
            clearText={translate("ra.action.clear_input_value")}
          />
          <Box
            sx={{ display: "flex", gap: 1.5, flexWrap: "wrap" }}
            role="list"
            aria-label={translate("app.network.levels")}
          >
            {LEVELS.map((level) => (
              <Typography
                key={level}
                role="listitem"
                variant="caption"
                sx={{ display: "flex", alignItems: "center", gap: 0.5 }}
              >
                <Box
                  component="span"
                  sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: LEVEL_COLOURS[level] }}
                />
                {levelLabel(level)}
              </Typography>
            ))}
          </Box>
        </Box>
        {factories.isPending || tree.isFetching ? (
          <Loading />
        ) : tree.error ? (
          <Typography color="error">
            {translate("app.network.load_failed", { error: tree.error.message })}
          </Typography>
        ) : tree.data ? (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {translate("app.network.summary", {
                smart_count: countNodes(tree.data),
                count: count(countNodes(tree.data)),
                name: tree.data.name,
              })}
            </Typography>
            <TreePicture root={tree.data} />
          </>
        ) : (
          <Typography>{translate("app.network.no_factory")}</Typography>
        )}
      </CardContent>
    </Card>
  );
}
