import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  anyInView, bottomReserve, fitViewport, keepCentre, MIN_READABLE_TEXT_PX, MINIMAP_SIZE, minimapFits, NODE_TEXT_PX, READABLE_ZOOM,
} from '../../../webview/editor/viewportFit';

// The tutorial: six 190-px nodes in one row, x = 0…1290, about 100 px tall.
const tutorial = { x: 0, y: 0, width: 1290, height: 100 };
const inputCentre = { x: 95, y: 50 };

test('a wide graph opens at a readable zoom with its input node at the left edge, centred vertically', () => {
  const viewport = fitViewport(tutorial, { width: 560, height: 700 }, 'readable', inputCentre);
  assert.equal(viewport.zoom, READABLE_ZOOM);
  assert.equal(viewport.x, 24, 'the graph starts where the data enters, one padding from the left');
  assert.equal(viewport.y, 350 - 50 * READABLE_ZOOM);
});

test('Fit View shows the whole wide graph, however small', () => {
  const viewport = fitViewport(tutorial, { width: 560, height: 700 }, 'whole', inputCentre);
  assert.ok(viewport.zoom < READABLE_ZOOM);
  assert.ok(Math.abs(viewport.zoom * tutorial.width - (560 - 48)) < 1e-9);
  assert.ok(Math.abs(viewport.x - 24) < 1e-9);
});

test('a small graph is centred at its natural size, never magnified', () => {
  const viewport = fitViewport({ x: 100, y: 50, width: 200, height: 100 }, { width: 800, height: 600 }, 'readable');
  assert.deepEqual(viewport, { x: 400 - 200, y: 300 - 100, zoom: 1 });
});

test('a tall graph that does not fit keeps its input mid-view without a gap above the first node', () => {
  const tall = { x: 0, y: 0, width: 190, height: 2000 };
  const nearTop = fitViewport(tall, { width: 800, height: 400 }, 'readable', { x: 95, y: 50 });
  assert.equal(nearTop.y, 24);
  const inMiddle = fitViewport(tall, { width: 800, height: 400 }, 'readable', { x: 95, y: 1000 });
  assert.equal(inMiddle.y, 200 - 1000 * READABLE_ZOOM);
});

test('keeping the centre moves the viewport by half the change in size', () => {
  assert.deepEqual(keepCentre({ x: 10, y: 20, zoom: 2 }, { width: 600, height: 800 }, { width: 600, height: 400 }), { x: 10, y: -180, zoom: 2 });
});

test('a fit leaves the bottom band of the zoom buttons and the minimap free, so neither sits on a node', () => {
  const canvas = { width: 700, height: 600 };
  const tallGraph = { x: 0, y: 0, width: 300, height: 900 };
  const reserve = bottomReserve(canvas, true);
  assert.ok(reserve >= MINIMAP_SIZE.height + 10, `band of ${reserve} px`);
  const viewport = fitViewport(tallGraph, canvas, 'whole', undefined, reserve);
  const graphBottomOnScreen = viewport.y + tallGraph.height * viewport.zoom;
  assert.ok(graphBottomOnScreen <= canvas.height - reserve, `graph ends at ${graphBottomOnScreen}, band starts at ${canvas.height - reserve}`);
  // With the minimap off only the zoom buttons' row is kept free; a canvas too small for the minimap keeps nothing.
  assert.ok(bottomReserve(canvas, false) < reserve && bottomReserve(canvas, false) > 0);
  assert.equal(bottomReserve({ width: 300, height: 250 }, true), 0);
  assert.equal(minimapFits({ width: 300, height: 250 }), false);
});

test('the readable zoom draws node text at 11 px or more on screen', () => {
  assert.ok(NODE_TEXT_PX * READABLE_ZOOM >= MIN_READABLE_TEXT_PX - 1e-9);
  assert.ok(MIN_READABLE_TEXT_PX >= 11);
});

test('a graph that fits at the readable zoom is shown whole, not zoomed past its natural size', () => {
  const small = { x: 0, y: 0, width: 600, height: 100 };
  const viewport = fitViewport(small, { width: 900, height: 700 }, 'readable', inputCentre);
  assert.equal(viewport.zoom, 1);
  assert.ok(viewport.x >= 0 && viewport.x + small.width * viewport.zoom <= 900);
});

test('anyInView tells a view that still shows a node from one that lost the graph off-screen', () => {
  const nodes = [{ x: 0, y: 0, width: 160, height: 80 }, { x: 220, y: 0, width: 160, height: 80 }];
  const canvas = { width: 500, height: 400 };
  assert.equal(anyInView(nodes, { x: 10, y: 10, zoom: 1 }, canvas), true);
  assert.equal(anyInView(nodes, { x: -370, y: 10, zoom: 1 }, canvas), true, 'the second node still shows its last 10 px');
  assert.equal(anyInView(nodes, { x: -400, y: 10, zoom: 1 }, canvas), false);
  assert.equal(anyInView(nodes, { x: 10, y: 420, zoom: 1 }, canvas), false);
  assert.equal(anyInView(nodes, { x: 10, y: -90, zoom: 1 }, canvas), false);
});
