// The order page follows its order: every two seconds it asks the storefront how the order stands, until it has ended
// and its money settled (the storefront says when: a cancelled order may read "Paid" until payment starts the refund).
(function () {
  const main = document.querySelector('[data-order]');
  if (!main) return;
  const id = main.dataset.order;
  const status = document.getElementById('status');
  if (main.dataset.settled === 'true') return;

  // While the shop or ordering is away, it asks less and less often, up to every 30 s.
  let wait = 2000;

  async function follow() {
    try {
      const answer = await fetch('/orders/' + encodeURIComponent(id) + '/status',
          {headers: {Accept: 'application/json'}, redirect: 'manual'});
      if (answer.type === 'opaqueredirect' || (answer.status >= 400 && answer.status < 500)) {
        return; // signed out, or no such order: asking again would get the same answer
      }
      wait = answer.ok ? 2000 : Math.min(wait * 2, 30000);
      if (answer.ok) {
        const order = await answer.json();
        status.textContent = order.label;
        status.dataset.status = order.status;
        document.getElementById('tracking').textContent = order.tracking ? 'Tracking number ' + order.tracking : '';
        document.getElementById('explanation').textContent = order.explanation;
        document.getElementById('payment').textContent = order.payment;
        document.getElementById('cancel').hidden = !order.cancellable;
        const timeline = document.getElementById('timeline');
        timeline.replaceChildren(...order.history.map(step => {
          const item = document.createElement('li');
          const label = document.createElement('span');
          label.textContent = step.label;
          const at = document.createElement('time');
          at.textContent = step.at;
          item.append(label, ' ', at);
          return item;
        }));
        if (order.settled) return;
      }
    } catch (e) {
      // The shop did not answer this time; the next try may.
      wait = Math.min(wait * 2, 30000);
    }
    setTimeout(follow, wait);
  }
  setTimeout(follow, 1000);
})();
