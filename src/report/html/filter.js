/* backlint HTML report: filters, search and sorting. Without this script the page shows
   every item; the script only hides, shows and reorders what is there. It reads what it
   needs from data- attributes and never puts text back into the page as HTML. */
(function () {
  'use strict';
  var form = document.getElementById('controls');
  var list = document.getElementById('cards');
  var count = document.getElementById('count');
  var empty = document.getElementById('empty');
  if (!form || !list) {
    return;
  }
  var cards = Array.prototype.slice.call(list.children);
  var texts = null;
  var searchTimer = 0;
  cards.forEach(function (card, index) {
    card.blOrder = index;
  });
  form.hidden = false;

  function value(name) {
    var field = form.elements.namedItem(name);
    return field ? field.value : '';
  }

  function hasWord(words, word) {
    return (' ' + (words || '') + ' ').indexOf(' ' + word + ' ') >= 0;
  }

  function text(index) {
    if (!texts) {
      texts = cards.map(function (card) {
        return card.textContent.toLowerCase();
      });
    }
    return texts[index];
  }

  /* Within a shown card, only the findings of the chosen rule and severity. */
  function showFindings(card, rule, severity) {
    var narrowed = Boolean(rule || severity);
    if (!narrowed && !card.blNarrowed) {
      return;
    }
    card.blNarrowed = narrowed;
    var findings = card.querySelectorAll('li.finding');
    for (var i = 0; i < findings.length; i++) {
      var item = findings[i];
      var show = (!rule || item.getAttribute('data-rule') === rule) &&
        (!severity || item.getAttribute('data-sev') === severity);
      if (item.hidden === show) {
        item.hidden = !show;
      }
    }
  }

  function apply() {
    var rule = value('rule');
    var severity = value('severity');
    var state = value('state');
    var groups = ['status', 'epic', 'sprint'].map(function (name) {
      return [name, value(name)];
    }).filter(function (pair) {
      return pair[1] !== '';
    });
    var query = value('q').trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i];
      var show = (!rule || hasWord(card.getAttribute('data-rules'), rule)) &&
        (!severity || hasWord(card.getAttribute('data-sev'), severity)) &&
        (!state || card.getAttribute('data-state') === state);
      for (var g = 0; show && g < groups.length; g++) {
        show = card.getAttribute('data-' + groups[g][0]) === groups[g][1];
      }
      if (show && query) {
        show = text(card.blOrder).indexOf(query) >= 0;
      }
      if (card.hidden === show) {
        card.hidden = !show;
      }
      if (show) {
        shown++;
        showFindings(card, rule, severity);
      }
    }
    var filtered = rule || severity || state || groups.length || query;
    count.textContent = filtered
      ? 'Showing ' + shown.toLocaleString('en') + ' of ' + count.getAttribute('data-all')
      : count.getAttribute('data-all');
    empty.hidden = shown > 0;
  }

  function sort() {
    var how = value('sort');
    var order = cards.slice();
    if (how) {
      var sign = how === 'fewest' ? -1 : 1;
      order.sort(function (a, b) {
        var difference = Number(b.getAttribute('data-n')) - Number(a.getAttribute('data-n'));
        return sign * difference || a.blOrder - b.blOrder;
      });
    }
    var fragment = document.createDocumentFragment();
    order.forEach(function (card) {
      fragment.appendChild(card);
    });
    list.appendChild(fragment);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    apply();
  });
  form.addEventListener('change', function (event) {
    if (event.target.name === 'sort') {
      sort();
    } else if (event.target.name !== 'q') {
      apply();
    }
  });
  form.addEventListener('input', function (event) {
    if (event.target.name === 'q') {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(apply, 150);
    }
  });
  form.addEventListener('reset', function () {
    setTimeout(function () {
      sort();
      apply();
    }, 0);
  });

  /* A bar of a chart applies the filter it stands for. */
  function choose(bar) {
    var field = form.elements.namedItem(bar.getAttribute('data-filter'));
    if (!field) {
      return;
    }
    field.value = bar.getAttribute('data-value');
    apply();
    form.scrollIntoView({ block: 'start' });
  }
  Array.prototype.forEach.call(document.querySelectorAll('.bar[data-filter]'), function (bar) {
    bar.addEventListener('click', function () {
      choose(bar);
    });
    bar.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        choose(bar);
      }
    });
  });
}());
