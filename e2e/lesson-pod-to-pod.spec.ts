/**
 * Lesson 4 (pod-to-pod-communication), Visualize: the diagram of a datapath trace draws each node's interfaces,
 * highlights the one the packet is on, and the player prints the route the node looked up, as iproute2's
 * `ip route` prints flannel's VXLAN route (`<podCIDR> via <podCIDR network> dev flannel.1 onlink`, as on a
 * flannel node in flannel-io/flannel#1029) and the kernel's connected route (`... proto kernel scope link src ...`).
 * The caption (the player's live region) carries the same words for screen readers.
 */
import { expect, test } from '@playwright/test';
import { hydrated } from './test-utils.ts';

test('the VXLAN trace highlights the interface the packet is on and names the route looked up', async ({ page }) => {
  await page.goto('lessons/pod-to-pod-communication/visualize/');
  const root = page.getByRole('region', { name: 'Step-through player' });
  await hydrated(root);
  await expect(root).toHaveAttribute('data-branch', 'cross-node-vxlan');
  const forward = root.getByRole('button', { name: 'Step forward' });
  const caption = root.getByRole('status');
  const diagram = root.locator('.flow-size:visible').getByRole('img', { name: /Process flow/ });
  const place = root.locator('.player-place');

  // Step 3: node-1 routes pod-b's address into flannel.1.
  for (let step = 1; step <= 3; step += 1) await forward.click();
  await expect(caption).toContainText('Step 3 of');
  await expect(place).toHaveText("On node-1's flannel.1, route 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink");
  await expect(caption).toContainText("On node-1's flannel.1, route 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink.");
  await expect(diagram.locator('.flow-port.flow-current')).toHaveAttribute('data-port', 'node-1:flannel.1');

  // Step 4: the outer packet leaves node-1's eth0 by the connected route to the node network.
  await forward.click();
  await expect(place).toHaveText("On node-1's eth0, route 172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2");
  await expect(diagram.locator('.flow-port.flow-current')).toHaveAttribute('data-port', 'node-1:eth0');
  await expect(diagram.locator('.flow-port.flow-current')).toHaveCount(1);

  // The diagram's text equivalent (its name: the title and the steps in words) gives every step's place.
  await expect(diagram).toHaveAccessibleName(/Step 6: Destination node decapsulates, Inner packet recovered\. On node-2's flannel\.1\./);
});
