import { GuidanceCatalogue } from '../guidance-catalogue';

const catalogue: GuidanceCatalogue = {
  locale: 'pt-PT',
  resellerRegion: { known: 'à região {name}', unknown: 'a outra região CSP' },
  unknownWait: 'alguns momentos',
  waitSeconds: { one: '{n} segundo', other: '{n} segundos' },
  identifierLabels: { mpnId: 'MPN ID {value}', tenantId: 'ID de inquilino {value}' },
  regionNames: {
    AFRICA: 'África',
    ASIA_PACIFIC: 'Ásia-Pacífico',
    AUSTRALIA: 'Austrália',
    BRAZIL: 'Brasil',
    CANADA: 'Canadá',
    EUROPE: 'Europa',
    INDIA: 'Índia',
    JAPAN: 'Japão',
    KOREA: 'Coreia',
    LATIN_AMERICA_AND_CARIBBEAN: 'América Latina e Caraíbas',
    MIDDLE_EAST_CENTRAL_AND_EASTERN_EUROPE: 'Médio Oriente, Europa Central e de Leste',
    NEW_ZEALAND: 'Nova Zelândia',
    RUSSIA: 'Rússia',
    TAIWAN: 'Taiwan',
    UNITED_STATES: 'Estados Unidos',
  },
  guidance: {
    signed: {
      message: 'O revendedor aceitou o Contrato de Parceiro Microsoft para a região {region}.',
      headline: 'Pronto para encomendar',
      whatItMeans: 'A Microsoft aceita encomendas deste revendedor na região {region}.',
      actions: [],
    },
    notSigned: {
      message: 'O revendedor com o {labelledIdentifier} ainda não aceitou o Contrato de Parceiro Microsoft para a região {region}.',
      headline: 'Contrato de Parceiro por aceitar na região {region}',
      whatItMeans:
        'A Microsoft só aceita encomendas de revendedores que aceitaram o Contrato de Parceiro Microsoft (MPA) para a região CSP de onde parte a encomenda. Este revendedor ainda não o fez: nunca aceitou o MPA, ou aceitou-o noutra região mas não na região {region}.',
      actions: [
        'Inicie sessão no Partner Center com a conta do revendedor ({labelledIdentifier}).',
        'Aceite o Contrato de Parceiro Microsoft para a região {region}.',
        'Volte a esta encomenda e submeta-a novamente.',
      ],
    },
    regionMismatch: {
      message: 'O {labelledIdentifier} do revendedor pertence a uma região CSP diferente da região {region}, de onde parte esta encomenda.',
      headline: 'Este MPN ID pertence a outra região CSP',
      whatItMeans:
        'Cada MPN ID pertence a uma única região CSP. O {labelledIdentifier} do revendedor pertence {resellerRegion}, pelo que não pode ser usado numa encomenda feita a partir da região {region}.',
      actions: [
        'Use o MPN ID (PGA/PLA) do revendedor para a região {region}, se existir.',
        'Caso contrário, o revendedor inicia sessão no Partner Center e aceita o Contrato de Parceiro Microsoft para a região {region}.',
        'Volte a esta encomenda e submeta-a novamente.',
      ],
    },
    mpnIdNotRecognized: {
      message: 'O Partner Center não reconhece o {labelledIdentifier}, ou este ainda não foi migrado para o Partner Center.',
      headline: 'MPN ID não reconhecido',
      whatItMeans:
        'O MPN ID pode ter um erro, ter expirado, ter sido revogado ou substituído, ou o revendedor ainda o gere no Partner Membership Center em vez do Partner Center.',
      actions: [
        'Confirme o MPN ID (PGA/PLA) com o revendedor.',
        'Se o revendedor tiver um MPN ID mais recente, atualize-o no perfil do Partner Center e use esse.',
        'Se o revendedor ainda usar o Partner Membership Center, peça ao suporte da Microsoft que migre a conta para o Partner Center.',
      ],
    },
    notIndirectReseller: {
      message: 'O revendedor com o {labelledIdentifier} não está inscrito como revendedor indireto CSP.',
      headline: 'Sem inscrição como revendedor indireto CSP',
      whatItMeans:
        'A Microsoft conhece este parceiro, mas não como revendedor indireto no programa Cloud Solution Provider (pode estar registado apenas noutros programas).',
      actions: [
        'O revendedor inscreve-se no programa CSP como revendedor indireto, no Partner Center.',
        'Concluída a inscrição, volte a esta encomenda e submeta-a novamente.',
      ],
    },
    tenantNotFound: {
      message: 'O Partner Center não tem nenhuma conta para o {labelledIdentifier}.',
      headline: 'Sem conta no Partner Center para este inquilino',
      whatItMeans:
        'Nenhuma conta do Partner Center está associada a este ID de inquilino. Pode ter um erro ou pertencer a outro diretório.',
      actions: [
        'Confirme o ID de inquilino (Microsoft ID) com o revendedor.',
        'Em alternativa, verifique o revendedor pelo MPN ID (PGA/PLA).',
      ],
    },
    tenantNotSigned: {
      message: 'A conta do Partner Center com o {labelledIdentifier} ainda não aceitou o contrato para a região {region}.',
      headline: 'Contrato de Parceiro por aceitar',
      whatItMeans:
        'A conta do revendedor existe no Partner Center, mas a Microsoft não encontra nenhum Contrato de Parceiro Microsoft aceite para a região {region}.',
      actions: [
        'Inicie sessão no Partner Center com a conta do revendedor.',
        'Aceite o Contrato de Parceiro Microsoft para a região {region}.',
        'Volte a esta encomenda e submeta-a novamente.',
      ],
    },
    invalidMpnId: {
      message: 'O MPN ID tem de ser um número inteiro positivo.',
      headline: 'Verifique o MPN ID',
      whatItMeans: 'Um MPN ID (PGA/PLA) tem apenas algarismos, por exemplo 1234567.',
      actions: ['Corrija o MPN ID e tente novamente.'],
    },
    invalidTenantId: {
      message: 'O ID de inquilino tem de ser um GUID.',
      headline: 'Verifique o ID de inquilino',
      whatItMeans: 'Um ID de inquilino tem o formato 0a1b2c3d-0000-1111-2222-333344445555.',
      actions: ['Corrija o ID de inquilino e tente novamente.'],
    },
    bothIdentifiers: {
      message: 'Indique um MPN ID ou um ID de inquilino, não ambos.',
      headline: 'Apenas um identificador',
      whatItMeans: 'A verificação identifica o revendedor pelo MPN ID ou pelo ID de inquilino, nunca pelos dois ao mesmo tempo.',
      actions: ['Retire um dos dois identificadores e tente novamente.'],
    },
    missingIdentifier: {
      message: 'Indique um MPN ID ou um ID de inquilino.',
      headline: 'Falta o identificador do revendedor',
      whatItMeans: 'A verificação precisa do MPN ID (PGA/PLA) ou do ID de inquilino do revendedor.',
      actions: ['Introduza o MPN ID ou o ID de inquilino do revendedor e tente novamente.'],
    },
    throttled: {
      message: 'O Partner Center está a limitar os pedidos; tente novamente dentro de {retryAfter}.',
      headline: 'Tente novamente dentro de momentos',
      whatItMeans:
        'O Partner Center pediu-nos que abrandássemos, por isso não foi possível verificar o contrato agora. O revendedor não tem nenhum problema.',
      actions: ['Aguarde {retryAfter} e verifique novamente.'],
    },
    credentialsRejected: {
      message: 'O Partner Center não aceitou as nossas credenciais para a região {region}.',
      headline: 'De momento não conseguimos verificar contratos',
      whatItMeans: 'O problema é nosso e não do revendedor: a nossa ligação ao Partner Center para a região {region} precisa de atenção.',
      actions: ['Tente novamente mais tarde.', 'Se persistir, contacte o suporte e indique o ID de correlação.'],
    },
    upstreamFailure: {
      message: 'Não foi possível contactar o Partner Center, ou a resposta não era válida.',
      headline: 'Tente novamente dentro de momentos',
      whatItMeans:
        'O Partner Center não deu uma resposta utilizável, por isso não foi possível verificar o contrato. O revendedor não tem nenhum problema.',
      actions: ['Tente novamente dentro de momentos.', 'Se persistir, contacte o suporte e indique o ID de correlação.'],
    },
    deadlineExceeded: {
      message: 'Não foi possível concluir a verificação a tempo; o Partner Center estava ocupado ou lento a responder.',
      headline: 'Tente novamente',
      whatItMeans: 'O tempo esgotou-se antes de o Partner Center confirmar o contrato. Não se sabe de nenhum problema com o revendedor.',
      actions: ['Verifique novamente dentro de momentos.', 'Se continuar a acontecer, contacte o suporte e indique o ID do pedido.'],
    },
    notAsked: {
      message: 'A verificação não foi feita: o tempo deste pedido esgotou-se antes de o Partner Center ser consultado.',
      headline: 'Verifique novamente',
      whatItMeans:
        'O Partner Center não chegou a ser consultado sobre este revendedor: havia outras perguntas à frente desta e o tempo do pedido esgotou-se antes. Ainda não se sabe nada sobre o revendedor, por isso a encomenda não pode avançar.',
      actions: ['Verifique novamente dentro de momentos.', 'Num carrinho grande, verifique menos linhas de cada vez.'],
    },
    budgetExceeded: {
      message: 'Este pedido pergunta por mais revendedores e regiões de uma só vez do que uma verificação permite.',
      headline: 'Demasiadas verificações num só pedido',
      whatItMeans:
        'Cada pedido só pode fazer um número limitado de perguntas ao Partner Center; este passou esse limite, por isso a pergunta não foi feita.',
      actions: ['Verifique menos revendedores ou regiões de cada vez.'],
    },
    clientBudgetExceeded: {
      message:
        'Esta aplicação já fez ao Partner Center todas as perguntas que pode fazer neste minuto; tente novamente dentro de {retryAfter}.',
      headline: 'Tente novamente dentro de momentos',
      whatItMeans:
        'Cada aplicação só pode enviar ao Partner Center um número limitado de perguntas novas por minuto, e esta já as usou, por isso o contrato não foi verificado. O revendedor não tem nenhum problema conhecido.',
      actions: ['Aguarde {retryAfter} e verifique novamente.', 'Se voltar a acontecer, contacte o suporte e indique o ID do pedido.'],
    },
    unrecognized: {
      message: 'O Partner Center deu uma resposta que este serviço não conhece.',
      headline: 'Não foi possível confirmar o contrato',
      whatItMeans:
        'O Partner Center respondeu de uma forma que ainda não reconhecemos, por isso não podemos confirmar que o revendedor pode encomendar.',
      actions: ['Contacte o suporte e indique o ID de correlação e o código apresentado.'],
    },
    regionNotConfigured: {
      message: 'Não é possível verificar encomendas da região {region}: este serviço não tem conta do Partner Center nessa região.',
      headline: 'Região indisponível',
      whatItMeans:
        'A verificação usa uma conta do Partner Center na região de onde parte a encomenda, e não existe nenhuma configurada para a região {region}.',
      actions: ['Escolha uma das regiões CSP disponíveis, ou contacte o suporte.'],
    },
    relationshipActive: {
      message: 'O revendedor tem uma relação de revenda ativa connosco na região {region}.',
      headline: 'Relação de revenda ativa',
      whatItMeans: 'A nossa conta do Partner Center para a região {region} inclui este revendedor, e a relação está ativa.',
      actions: [],
    },
    relationshipMissing: {
      message: 'O revendedor com o {labelledIdentifier} não tem relação de revenda connosco na região {region}.',
      headline: 'Sem relação de revenda connosco na região {region}',
      whatItMeans:
        'A Microsoft verifica o parceiro registado quando uma encomenda é feita: um revendedor indireto só pode encomendar através de um fornecedor que aceitou como distribuidor, na região CSP da encomenda. A nossa conta do Partner Center para a região {region} não inclui este revendedor.',
      actions: [
        'Inicie sessão no Partner Center com a conta do revendedor ({labelledIdentifier}).',
        'Aceite o nosso pedido de relação de revenda para a região {region}; se não o encontrar, peça-nos que o enviemos de novo.',
        'Volte a esta encomenda: vemos uma nova relação na próxima atualização da lista de revendedores, dentro de alguns minutos.',
      ],
    },
    relationshipNotActive: {
      message: 'A relação do revendedor connosco na região {region} está no estado {state}, não ativa.',
      headline: 'Relação de revenda inativa',
      whatItMeans:
        'O Partner Center indica a relação deste revendedor com a nossa conta da região {region} no estado {state}. A Microsoft bloqueia encomendas de revendedores cuja relação não está ativa, por exemplo quando a conta está suspensa ou o PLA ID está inativo.',
      actions: [
        'O revendedor verifica a sua conta no Partner Center e resolve o que tornou a relação inativa.',
        'Se a relação devia estar ativa, contacte-nos.',
        'Volte a esta encomenda quando a relação estiver novamente ativa.',
      ],
    },
    relationshipUnknown: {
      message: 'Não foi possível verificar agora a relação do revendedor connosco na região {region}.',
      headline: 'Relação de revenda por confirmar',
      whatItMeans:
        'Não conseguimos obter do Partner Center a nossa lista de revendedores da região {region}, pelo que não podemos confirmar a relação. Nada indica que haja um problema com o revendedor.',
      actions: ['Verifique novamente dentro de alguns minutos.', 'Se o problema persistir, contacte o suporte.'],
    },
    relationshipUnverified: {
      message: 'Não foi possível verificar a relação de revenda; a encomenda pode avançar sem essa verificação.',
      headline: 'Encomenda permitida sem verificação da relação',
      whatItMeans:
        'Não conseguimos obter do Partner Center a nossa lista de revendedores da região {region}, e este marketplace deixa as encomendas avançar nesse caso. A Microsoft pode ainda recusar a encomenda se o revendedor não tiver uma relação ativa connosco na região {region}.',
      actions: ['Submeta a encomenda, se o desejar.', 'Se a Microsoft a recusar, verifique novamente a relação de revenda.'],
    },
    porValid: {
      message: 'A Microsoft confirma o {labelledIdentifier} como parceiro registado válido para encomendas da região {region}.',
      headline: 'Parceiro registado confirmado',
      whatItMeans:
        'A verificação da própria Microsoft indica que este revendedor é um revendedor indireto autorizado e ativo, que pode constar da encomenda.',
      actions: [],
    },
    porNotValid: {
      message: 'A Microsoft não aceita o {labelledIdentifier} como parceiro registado (código 900400).',
      headline: 'Revendedor não válido como parceiro registado',
      whatItMeans:
        'Antes de aceitar uma encomenda, a Microsoft confirma que o revendedor indicado é um revendedor indireto autorizado, ativo e em conformidade. Para o {labelledIdentifier} a resposta foi negativa: o PLA ID não está autorizado, ou a conta do revendedor está suspensa ou com a situação irregular. A Microsoft recusaria esta encomenda.',
      actions: [
        'O revendedor inicia sessão no Partner Center e verifica a conta, o PLA ID e eventuais avisos sobre a sua situação.',
        'O revendedor resolve o que a Microsoft pedir, ou contacta o suporte a parceiros da Microsoft.',
        'Volte a esta encomenda quando a conta estiver regularizada; a Microsoft pode demorar algum tempo a mostrar a alteração.',
      ],
    },
    porUndocumentedCode: {
      message: 'A Microsoft não aceita o {labelledIdentifier} como parceiro registado, com um código que não conhecemos.',
      headline: 'Revendedor não válido como parceiro registado',
      whatItMeans:
        'A verificação da própria Microsoft recusou este revendedor como parceiro registado e indicou um código que a sua documentação não descreve. O código e a descrição da Microsoft são mostrados tal como foram enviados; a Microsoft recusaria esta encomenda.',
      actions: [
        'O revendedor inicia sessão no Partner Center e verifica a conta e o PLA ID.',
        'Se o motivo não for claro, contacte o suporte e indique o código, a descrição da Microsoft e o ID de correlação.',
      ],
    },
    porUnavailable: {
      message: 'Não foi possível fazer agora a verificação de parceiro registado da Microsoft.',
      headline: 'Parceiro registado por confirmar',
      whatItMeans:
        'O Partner Center não deu a tempo o seu parecer sobre este revendedor. Nada indica que haja um problema com o revendedor.',
      actions: ['Verifique novamente dentro de {retryAfter}.', 'Se o problema persistir, contacte o suporte.'],
    },
    porUnrecognized: {
      message: 'Não foi possível ler a resposta do Partner Center sobre o parceiro registado para o {labelledIdentifier}.',
      headline: 'Parceiro registado por confirmar',
      whatItMeans:
        'O Partner Center respondeu de uma forma que não reconhecemos, ou a resposta omitiu este revendedor, por isso não podemos confirmar que a Microsoft o aceita como parceiro registado.',
      actions: ['Verifique novamente mais tarde.', 'Se o problema persistir, contacte o suporte e indique o ID de correlação.'],
    },
    porNoPartnerId: {
      message: 'Não é possível verificar o parceiro registado: não temos PLA ID para o {labelledIdentifier} na região {region}.',
      headline: 'Parceiro registado não verificado',
      whatItMeans:
        'A Microsoft verifica o parceiro registado pelo PLA ID (antigo MPN ID). Esta encomenda identifica o revendedor pelo ID de inquilino, e a nossa lista de revendedores da região {region} não indica um PLA ID para ele.',
      actions: [
        'Indique na encomenda o PLA ID (MPN ID) do revendedor em vez do ID de inquilino.',
        'Se o revendedor ainda não tem relação connosco, aceita primeiro o nosso pedido de relação de revenda.',
      ],
    },
    porUnverified: {
      message: 'Não foi possível fazer a verificação de parceiro registado; a encomenda pode avançar sem ela.',
      headline: 'Encomenda permitida sem verificação de parceiro registado',
      whatItMeans:
        'O Partner Center não deu agora o seu parecer sobre o parceiro registado, e este marketplace deixa as encomendas avançar nesse caso. A Microsoft pode ainda recusar a encomenda se não aceitar o revendedor como parceiro registado.',
      actions: ['Submeta a encomenda, se o desejar.', 'Se a Microsoft a recusar, verifique novamente o revendedor.'],
    },
    submittedUnverified: {
      message: 'Não foi possível consultar o Partner Center; a encomenda pode avançar sem a verificação do contrato.',
      headline: 'Encomenda permitida sem verificação do contrato',
      whatItMeans:
        'O Partner Center não conseguiu confirmar agora o contrato do revendedor, e este marketplace deixa as encomendas avançar nesse caso. A Microsoft pode ainda recusar a encomenda se o revendedor não tiver aceitado o Contrato de Parceiro Microsoft para a região {region}.',
      actions: ['Submeta a encomenda, se o desejar.', 'Se a Microsoft a recusar, verifique novamente o contrato do revendedor.'],
    },
  },
};

export default catalogue;
